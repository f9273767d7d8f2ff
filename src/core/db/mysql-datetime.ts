import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

// Dates cross our boundary as ISO-8601 UTC strings with milliseconds. MySQL's DATETIME(3) refuses the
// "T…Z" form in strict mode, so parameters of exactly that shape are rewritten to MySQL's literal
// form (the session runs in UTC, see connect.ts). The pattern is anchored and exact, so free text
// only matches if it is itself a complete timestamp.
const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}\.\d{3})Z$/;

export function isoToMysqlDateTime(value: string): string {
  const m = ISO_UTC.exec(value);
  return m ? `${m[1]} ${m[2]}` : value;
}

/** '2026-01-02 03:04:05.678' (or without fraction) → '2026-01-02T03:04:05.678Z'. */
export function mysqlDateTimeToIso(text: string): string {
  const [date, time = '00:00:00'] = text.split(' ');
  const [hms, frac = ''] = time.split('.');
  return `${date}T${hms}.${(frac + '000').slice(0, 3)}Z`;
}

function convert(value: unknown): unknown {
  return typeof value === 'string' && ISO_UTC.test(value) ? isoToMysqlDateTime(value) : value;
}

class DateParamTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = convert(node.value);
    return value === node.value ? super.transformValue(node) : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map(convert) };
  }
}

export class MysqlDateTimePlugin implements KyselyPlugin {
  readonly #transformer = new DateParamTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
