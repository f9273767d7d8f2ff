import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../src/shared/contract/attachments.contract.ts';
import { sanitizeFileName, withExtension } from '../../src/core/attachments/file-names.ts';
import { isPlainText, sniff } from '../../src/core/attachments/sniff.ts';
import { CHUNK_BYTES } from '../../src/core/attachments/blobs.repo.ts';
import { careDb } from '../../src/core/settings/settings.tables.ts';
import { scopeAttachTargets } from '../../src/core/scope/index.ts';
import { loadActor } from '../../src/core/auth/actor.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { deflatedEntry, sheetXml, workbookSkeleton, zipFile } from '../fixtures/roster/build-zip.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addGoal, addSession } from './support/care.ts';
import { makeHarness, type Harness } from './support/harness.ts';

// Sample files built from their real signatures (no fixtures on disk to go stale).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64, 1),
]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 0)]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([36, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(32, 0),
]);
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64, 0),
  Buffer.from('PE\0\0'),
  Buffer.alloc(200, 0x90),
]);
const cfb = (stream: string): Buffer =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(1016, 0),
    Buffer.from(`Root Entry\0${stream}\0`, 'utf16le'),
    Buffer.alloc(512, 0),
  ]);
const officeZip = (kind: 'word' | 'ppt'): Buffer => {
  const main =
    kind === 'word'
      ? [
          '/word/document.xml',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        ]
      : [
          '/ppt/presentation.xml',
          'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
        ];
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main[0]}" ContentType="${main[1]}"/></Types>`;
  return zipFile([deflatedEntry('[Content_Types].xml', types), deflatedEntry(main[0]!.slice(1), '<x/>')]);
};
const XLSX = zipFile([...workbookSkeleton(), deflatedEntry('xl/worksheets/sheet1.xml', sheetXml(2, 2))]);
const b64 = (b: Buffer): string => b.toString('base64');

describe('file names', () => {
  it('keeps only the last path segment and strips traversal, controls, bidi and forbidden characters', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\Windows\\System32\\evil.pdf')).toBe('evil.pdf');
    expect(sanitizeFileName('re\u0000port\u0007.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(sanitizeFileName('  .hidden. . ')).toBe('hidden');
    expect(sanitizeFileName('..')).toBe('attachment');
    expect(sanitizeFileName('CON')).toBe('_CON');
    expect(sanitizeFileName('nul.txt')).toBe('_nul.txt');
    expect(sanitizeFileName('com1.report.pdf')).toBe('_com1.report.pdf');
    expect(sanitizeFileName('console.txt')).toBe('console.txt');
    const long = sanitizeFileName(`${'x'.repeat(400)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
  });
  it('makes the extension match the content', () => {
    expect(withExtension('scan.jpg', 'png')).toBe('scan.png');
    expect(withExtension('photo.JPEG', 'jpg', ['jpg', 'jpeg'])).toBe('photo.JPEG');
    expect(withExtension('notes', 'txt')).toBe('notes.txt');
  });
});

describe('content sniffing', () => {
  it.each([
    ['pdf', PDF, 'x', 'application/pdf'],
    ['png', PNG, 'x', 'image/png'],
    ['jpg', JPEG, 'x', 'image/jpeg'],
    ['gif', GIF, 'x', 'image/gif'],
    ['webp', WEBP, 'x', 'image/webp'],
    [
      'docx',
      officeZip('word'),
      'x',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'pptx',
      officeZip('ppt'),
      'x',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['xlsx', XLSX, 'x', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['doc', cfb('WordDocument'), 'x', 'application/msword'],
    ['xls', cfb('Workbook'), 'x', 'application/vnd.ms-excel'],
    ['txt', Buffer.from('Plain notes\r\nline 2\t✓\n'), 'log', 'text/plain'],
    ['csv', Buffer.from('Name,Roll\nAsha,21CS1\n'), 'csv', 'text/csv'],
    ['csv', Buffer.from([0x4e, 0x61, 0x6d, 0xe9, 0x2c, 0x31, 0x0a]), 'csv', 'text/csv'],
  ])('%s is recognised from its bytes', async (ext, bytes, declared, mime) => {
    expect(await sniff(bytes, declared)).toMatchObject({ ext, mime });
  });
  it('refuses programs, other containers and binary data whatever the name says', async () => {
    expect(await sniff(EXE, 'pdf')).toBeNull();
    expect(await sniff(cfb('PowerPoint Document'), 'doc')).toBeNull();
    expect(await sniff(cfb('\u0005SummaryInformation'), 'xls')).toBeNull();
    expect(
      await sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 1, 2, 0, 9]), 'docx'),
    ).toBeNull();
    expect(await sniff(Buffer.from([1, 2, 3, 0, 4, 5]), 'txt')).toBeNull();
    expect(isPlainText(Buffer.from('a\u0000b'))).toBe(false);
    expect(isPlainText(Buffer.from('\ufeffhello', 'utf16le'))).toBe(true);
  });
});

describe.each(DIALECTS)('attachments on %s', (dialect) => {
  let h: Harness;
  let session: string;
  let goal: string;
  beforeAll(async () => {
    h = await makeHarness(dialect);
    const w = h.world;
    session = await addSession(h.db.kysely, {
      assignmentId: w.assignment,
      createdById: w.mentor.id,
      sessionDate: '2026-01-12T10:00:00.000Z',
    });
    goal = await addGoal(h.db.kysely, { studentId: w.student.id, createdById: w.student.id });
  });
  afterAll(async () => {
    await h.close();
  });
  const up = (s: string, over: Record<string, unknown>) =>
    h.call(s, 'attachments:upload', {
      relatedType: 'SESSION',
      relatedId: session,
      fileName: 'notes.pdf',
      contentBase64: b64(PDF),
      ...over,
    } as never);

  it('scopeAttachTargets: the records each role may write', async () => {
    const w = h.world;
    const k = h.db.kysely;
    const feedback = uuidv7();
    await k
      .insertInto('session_feedback')
      .values({
        id: feedback,
        sessionId: session,
        giverUserId: w.student.id,
        recipientUserId: w.mentor.id,
        type: 'STUDENT_TO_MENTOR',
        rating: 4,
        comments: null,
        visibility: 'MENTOR',
        createdAt: '2026-01-13T00:00:00.000Z',
        updatedAt: '2026-01-13T00:00:00.000Z',
      })
      .execute();
    const targets = async (userId: string) => {
      const actor = (await loadActor(k, userId))!;
      const ids = async (
        table: 'session_records' | 'session_feedback' | 'goals' | 'mentor_assignments',
        type: 'SESSION' | 'FEEDBACK' | 'GOAL' | 'ASSIGNMENT',
      ) =>
        (
          await k
            .selectFrom(`${table} as r` as 'goals as r')
            .select('r.id')
            .where(scopeAttachTargets(actor, type, 'r'))
            .execute()
        ).map((r) => r.id);
      return {
        session: (await ids('session_records', 'SESSION')).includes(session),
        feedback: (await ids('session_feedback', 'FEEDBACK')).includes(feedback),
        goal: (await ids('goals', 'GOAL')).includes(goal),
        assignment: (await ids('mentor_assignments', 'ASSIGNMENT')).includes(w.assignment),
        ended: (await ids('mentor_assignments', 'ASSIGNMENT')).includes(w.endedAssignment),
      };
    };
    expect(await targets(w.mentor.id)).toEqual({
      session: true,
      feedback: false,
      goal: true,
      assignment: true,
      ended: false,
    });
    expect(await targets(w.student.id)).toEqual({
      session: false,
      feedback: true,
      goal: true,
      assignment: false,
      ended: false,
    });
    expect(await targets(w.deptAdmin.id)).toEqual({
      session: true,
      feedback: false,
      goal: false,
      assignment: true,
      ended: true,
    });
    expect(await targets(w.otherDeptAdmin.id)).toEqual({
      session: false,
      feedback: false,
      goal: false,
      assignment: false,
      ended: false,
    });
    expect(await targets(w.otherMentor.id)).toEqual({
      session: false,
      feedback: false,
      goal: false,
      assignment: false,
      ended: false,
    });
  });

  it('uploads, lists, downloads byte-for-byte and stores the bytes content-addressed', async () => {
    const s = h.as('MENTOR');
    const row = await h.must(s, 'attachments:upload', {
      relatedType: 'SESSION',
      relatedId: session,
      fileName: 'C:\\Users\\me\\scan.jpg',
      contentBase64: b64(PNG),
    });
    expect(row).toMatchObject({
      fileName: 'scan.png',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      ownerUserId: h.world.mentor.id,
      ownerName: 'Test MENTOR',
    });
    const stored = await h.db.kysely
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(stored.storagePath).toMatch(/^blob:sha256:[0-9a-f]{64}$/);
    const again = await h.must(s, 'attachments:upload', {
      relatedType: 'SESSION',
      relatedId: session,
      fileName: 'copy.png',
      contentBase64: b64(PNG),
    });
    const chunks = await careDb(h.db.kysely)
      .selectFrom('attachment_blobs')
      .select('id')
      .where('sha256', '=', stored.storagePath.slice(12))
      .execute();
    expect(chunks).toHaveLength(1);
    const listed = await h.must(h.as('DEPARTMENT_ADMIN'), 'attachments:list', {
      relatedType: 'SESSION',
      relatedId: session,
    });
    expect(listed.rows.map((r) => r.id)).toEqual([row.id, again.id]);
    const student = await h.must(h.as('STUDENT'), 'attachments:download', { id: row.id });
    expect(Buffer.from(student.contentBase64, 'base64').equals(PNG)).toBe(true);
    expect(student).toMatchObject({ fileName: 'scan.png', mimeType: 'image/png' });
    expect(
      await h.call(h.sessionFor(h.world.otherDeptMentor.id), 'attachments:download', { id: row.id }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a renamed .exe, an empty file and one over the limit (decoded size), and sanitises a traversal name', async () => {
    const s = h.as('MENTOR');
    const exe = await up(s, { fileName: 'minutes.pdf', contentBase64: b64(EXE) });
    expect(exe).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!exe.ok && exe.error.message).toMatch(/a program, which cannot be attached/);
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x41);
    const over = await up(s, { fileName: 'big.txt', contentBase64: b64(big) });
    expect(over).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'contentBase64' }] },
    });
    expect(!over.ok && over.error.message).toMatch(/20\.0 MB; the limit is 20\.0 MB/);
    expect(await up(s, { contentBase64: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await up(s, { contentBase64: 'not base64!' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const evil = await up(s, {
      fileName: '../../../etc/passwd',
      contentBase64: b64(Buffer.from('root:x:0:0\n')),
    });
    expect(evil).toMatchObject({ ok: true, data: { fileName: 'passwd.txt', mimeType: 'text/plain' } });
  });

  it('stores exactly the limit in 1 MiB chunks and reads it back intact', async () => {
    const bytes = Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x61);
    bytes.write('exactly twenty megabytes\n', 0);
    const row = await h.must(h.as('MENTOR'), 'attachments:upload', {
      relatedType: 'SESSION',
      relatedId: session,
      fileName: 'big.csv',
      contentBase64: b64(bytes),
    });
    expect(row).toMatchObject({ sizeBytes: ATTACHMENT_MAX_BYTES, mimeType: 'text/csv' });
    const parts = await careDb(h.db.kysely)
      .selectFrom('attachment_blobs')
      .select(['part'])
      .where('id', 'like', '%:%')
      .where(
        'sha256',
        '=',
        (
          await h.db.kysely
            .selectFrom('attachments')
            .select('storagePath')
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow()
        ).storagePath.slice(12),
      )
      .execute();
    expect(parts).toHaveLength(ATTACHMENT_MAX_BYTES / CHUNK_BYTES);
    const back = await h.must(h.as('MENTOR'), 'attachments:download', { id: row.id });
    expect(Buffer.from(back.contentBase64, 'base64').equals(bytes)).toBe(true);
    await h.must(h.as('MENTOR'), 'attachments:delete', { id: row.id });
  });

  it('attaches only to records the actor can write', async () => {
    const w = h.world;
    // The student may read its session but not write it; it may attach to its own goal.
    expect(await up(h.as('STUDENT'), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await up(h.as('STUDENT'), {
        relatedType: 'GOAL',
        relatedId: goal,
        fileName: 'plan.docx',
        contentBase64: b64(officeZip('word')),
      }),
    ).toMatchObject({ ok: true });
    expect(await up(h.as('DEPARTMENT_ADMIN'), { relatedType: 'GOAL', relatedId: goal })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await up(h.as('DEPARTMENT_ADMIN'), {
        relatedType: 'ASSIGNMENT',
        relatedId: w.assignment,
        fileName: 'form.xlsx',
        contentBase64: b64(XLSX),
      }),
    ).toMatchObject({ ok: true, data: { fileName: 'form.xlsx' } });
    expect(
      await up(h.as('MENTOR'), { relatedType: 'ASSIGNMENT', relatedId: w.endedAssignment }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await up(h.as('MENTOR'), { relatedType: 'ASSIGNMENT', relatedId: w.otherAssignment }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('deletes by owner or admin in scope, audited; the blob goes when nothing names it', async () => {
    const w = h.world;
    const sha = (id: string) =>
      h.db.kysely
        .selectFrom('attachments')
        .select('storagePath')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
        .then((r) => r.storagePath.slice(12));
    const blobCount = async (s: string) =>
      (
        await careDb(h.db.kysely)
          .selectFrom('attachment_blobs')
          .select('id')
          .where('sha256', '=', s)
          .execute()
      ).length;
    const mine = await h.must(h.as('MENTOR'), 'attachments:upload', {
      relatedType: 'SESSION',
      relatedId: session,
      fileName: 'a.gif',
      contentBase64: b64(GIF),
    });
    const theirs = await h.must(h.as('DEPARTMENT_ADMIN'), 'attachments:upload', {
      relatedType: 'SESSION',
      relatedId: session,
      fileName: 'b.gif',
      contentBase64: b64(GIF),
    });
    const s = await sha(mine.id);
    expect(await h.call(h.as('MENTOR'), 'attachments:delete', { id: theirs.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await h.call(h.sessionFor(w.otherDeptAdmin.id), 'attachments:delete', { id: mine.id }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await h.must(h.as('MENTOR'), 'attachments:delete', { id: mine.id });
    expect(await blobCount(s)).toBe(1);
    await h.must(h.as('DEPARTMENT_ADMIN'), 'attachments:delete', { id: theirs.id });
    expect(await blobCount(s)).toBe(0);
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'attachments:delete')
      .where('entityId', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeState!)).toMatchObject({ fileName: 'a.gif', ownerUserId: w.mentor.id });
    expect(h.errors).toEqual([]);
  });
});
