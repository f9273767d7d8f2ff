import { sql, type Kysely } from 'kysely';
import type { RoleName } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { scopeUsers } from '../scope/index.ts';
import type { ExistingAccount, ExistingStudent, RosterLookup } from './validate.types.ts';

// The database half of roster validation. Roll numbers and emails are unique across the whole
// database, so the lookup is deliberately NOT limited to the actor's scope: a clash with another
// department must be caught here, not by the unique key halfway through a commit. What leaves
// this module about people outside the actor's scope is only what the clash messages need; a
// stranger's roll number is withheld (the message then says "a student account").

const inScope = (actor: Actor) => sql<number>`case when ${scopeUsers(actor, 'u')} then 1 else 0 end`;

export function databaseLookup(db: Kysely<Database>, actor: Actor): RosterLookup {
  return {
    async existingByRoll(rollNumbers): Promise<ExistingStudent[]> {
      if (rollNumbers.length === 0) return [];
      return db
        .selectFrom('student_profiles as sp')
        .innerJoin('users as u', 'u.id', 'sp.userId')
        .select(['sp.userId', 'sp.rollNumber', 'u.email', 'u.departmentId'])
        .where('sp.rollNumber', 'in', [...rollNumbers])
        .execute();
    },
    async existingByEmail(emails): Promise<ExistingAccount[]> {
      if (emails.length === 0) return [];
      const rows = await db
        .selectFrom('users as u')
        .innerJoin('roles as r', 'r.id', 'u.roleId')
        .leftJoin('student_profiles as sp', 'sp.userId', 'u.id')
        .select(['u.id as userId', 'u.email', 'r.name as role', 'u.departmentId', 'sp.rollNumber'])
        .select(inScope(actor).as('visible'))
        .where('u.email', 'in', [...emails])
        .execute();
      return rows.map((r) => ({
        userId: r.userId,
        email: r.email,
        role: r.role as RoleName,
        departmentId: r.departmentId,
        rollNumber: Number(r.visible) === 1 ? r.rollNumber : null,
      }));
    },
  };
}
