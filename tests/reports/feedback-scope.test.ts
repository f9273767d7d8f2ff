import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../src/core/auth/actor.ts';
import { feedbackInScope } from '../../src/core/reports/feedback-scope.ts';
import { scopeFeedback } from '../../src/core/scope/index.ts';
import { makeUser } from '../fixtures/builders.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { makeReportWorld, type ReportWorld } from './support/world.ts';

// feedbackInScope is scopeFeedback restated on the joined session for speed: for every role it
// must select exactly the rows scopeFeedback selects.

describe.each(DIALECTS)('feedbackInScope on %s', (dialect) => {
  let db: TestDb;
  let w: ReportWorld;
  let superAdmin: string;
  beforeAll(async () => {
    db = await freshDb(dialect);
    w = await makeReportWorld(db.kysely);
    superAdmin = (await makeUser(db.kysely, 'SUPER_ADMIN')).id;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('selects the same feedback as scopeFeedback for every role', async () => {
    const readers = [
      superAdmin,
      w.dean.id,
      w.hod.id,
      w.otherHod.id,
      w.mentorA.id,
      w.mentorB.id,
      w.a1.id,
      w.b1.id,
    ];
    for (const id of readers) {
      const actor = (await loadActor(db.kysely, id))!;
      const byScope = await db.kysely
        .selectFrom('session_feedback as f')
        .select('f.id')
        .where(scopeFeedback(actor, 'f'))
        .orderBy('f.id')
        .execute();
      const byJoin = await db.kysely
        .selectFrom('session_feedback as f')
        .innerJoin('session_records as s', 's.id', 'f.sessionId')
        .select('f.id')
        .where(feedbackInScope(actor, 'f', 's'))
        .orderBy('f.id')
        .execute();
      expect(byJoin, actor.role).toEqual(byScope);
    }
    const hod = (await loadActor(db.kysely, w.hod.id))!;
    const all = await db.kysely
      .selectFrom('session_feedback as f')
      .select('f.id')
      .where(scopeFeedback(hod, 'f'))
      .execute();
    expect(all).toHaveLength(5);
  });
});
