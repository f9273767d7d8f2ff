// A second program writing to the database while the test backs it up: each transaction inserts a
// pair of audit rows (k-a, k-b), so a consistent snapshot holds both rows of every pair it holds,
// and the pairs it holds are exactly 1..K. Prints how many pairs it committed.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

const [file, stopFile] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare(
  `insert into audit_logs (action, entity, entityId, createdAt) values ('probe', 'ops-test', ?, ?)`,
);
const pair = db.transaction((k) => {
  const at = new Date().toISOString();
  insert.run(`${k}-a`, at);
  insert.run(`${k}-b`, at);
});
const until = Date.now() + 60_000;
let k = 0;
while (!existsSync(stopFile) && Date.now() < until) {
  k += 1;
  pair(k);
}
db.close();
process.stdout.write(String(k));
