import type { ServiceContext } from '../context.ts';
import { contextOn } from '../dispatch.ts';
import { evaluateStudents } from '../risk/engine.ts';
import { withLockRetry } from './central.ts';
import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';

/** The risk re-evaluation a batch's entries queued: the last asking call's context, each student once. */
export interface RiskPass {
  ctx: ServiceContext;
  students: string[];
}

/**
 * The evaluations the push's entries queued, run once their batches have committed, on the final
 * state, with the context (user, time) of the last entry that asked: same rules, same rows as
 * running them entry by entry, minus an alert raised by one entry and closed by the next. Inside
 * the batch's transaction its reads (then seven statements for one student; now one,
 * risk/facts.repo.ts loadEvaluation) ran while the batch held the change-log counter every central
 * writer queues on (decision 1): 200 laptops syncing at once each waited for the others' risk reads.
 * Here it is a transaction of its own that takes the counter only when a level or an alert changes.
 * The students' profile rows are locked first, so two laptops' passes over one student run one
 * after the other and the later one reads what both left: the last write wins and is the right one.
 * The laptop's own optimistic risk rows are re-read on the next pull (push.ts
 * ackMany), as after any replay. If the pass fails, the replays stay committed (the laptop must
 * still mark them): risk is derived, and the student's next change or a department re-run brings it
 * up to date; the failure is logged.
 */
export async function evaluateRiskPass(ctx: EngineContext, pass: RiskPass): Promise<void> {
  const centralDb = ctx.central.kysely;
  try {
    await hit(ctx.faults, 'push:risk-pass');
    await withLockRetry(() =>
      centralDb.transaction().execute(async (trx) => {
        await trx
          .selectFrom('student_profiles')
          .select('userId')
          .where('userId', 'in', pass.students)
          .forUpdate()
          .execute();
        await evaluateStudents(contextOn(pass.ctx, trx), pass.students);
      }),
    );
  } catch (err) {
    ctx.log.warn('sync: risk re-evaluation after a replayed batch failed', {
      students: pass.students.length,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
