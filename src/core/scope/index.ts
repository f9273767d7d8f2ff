// The scope module (ROLES.md): one place that turns an actor into SQL predicates per table.
// Every read and write of a feature goes through these; sync's pull uses the same predicates.
export * from './sql.ts';
export * from './org.scope.ts';
export * from './mentoring.scope.ts';
export * from './audit.scope.ts';
export * from './manage.ts';
export * from './page.ts';
export * from './office.scope.ts';
export * from './notes.scope.ts';
export * from './whole.ts';
