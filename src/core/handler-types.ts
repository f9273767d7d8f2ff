import type { z } from 'zod';
import type { CallDef } from '../shared/contract/define.ts';
import type { AuthedContext, ServiceContext } from './context.ts';

type CtxFor<D extends CallDef> = D['roles'] extends 'PUBLIC' ? ServiceContext : AuthedContext;

/** One handler per call of a feature contract, typed from the call's zod schemas. */
export type HandlersFor<T extends Record<string, CallDef>> = {
  [K in keyof T]: (ctx: CtxFor<T[K]>, input: z.output<T[K]['input']>) => Promise<z.input<T[K]['output']>>;
};
