import type { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentRow,
  type attachmentsContract,
} from '../../shared/contract/attachments.contract.ts';
import type { AttachmentRelatedType } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { AppError, forbidden, invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { isAdminRole } from '../auth/actor.ts';
import {
  scopeAssignments,
  scopeAttachTargets,
  scopeFeedback,
  scopeGoals,
  scopeSessions,
  type Predicate,
} from '../scope/index.ts';
import { blobPath, dropBlobIfUnused, getBlob, putBlob, shaOfPath } from './blobs.repo.ts';
import { findAttachment, listAttachments, publicRow } from './attachments.repo.ts';
import { sanitizeFileName, splitExt, withExtension } from './file-names.ts';
import { ALLOWED_TYPES_TEXT, describeRefused, sniff } from './sniff.ts';

type In<K extends keyof typeof attachmentsContract> = z.output<(typeof attachmentsContract)[K]['input']>;

const TABLE = {
  SESSION: 'session_records',
  FEEDBACK: 'session_feedback',
  GOAL: 'goals',
  ASSIGNMENT: 'mentor_assignments',
} as const;

const READ_SCOPE: Record<AttachmentRelatedType, (actor: AuthedContext['actor'], alias: string) => Predicate> =
  {
    SESSION: scopeSessions,
    FEEDBACK: scopeFeedback,
    GOAL: scopeGoals,
    ASSIGNMENT: scopeAssignments,
  };

async function recordWhere(
  ctx: AuthedContext,
  type: AttachmentRelatedType,
  id: string,
  where: Predicate,
): Promise<boolean> {
  // Every related table has an `id` primary key; typing the union of four tables buys nothing.
  const from = `${TABLE[type]} as r` as 'goals as r';
  const row = await ctx.db
    .selectFrom(from)
    .select('r.id')
    .where('r.id', '=', id)
    .where(where)
    .executeTakeFirst();
  return row !== undefined;
}

/** The record must be one the actor may write; one it may only read is refused as such. */
async function checkTarget(ctx: AuthedContext, type: AttachmentRelatedType, id: string): Promise<void> {
  if (await recordWhere(ctx, type, id, scopeAttachTargets(ctx.actor, type, 'r'))) return;
  if (await recordWhere(ctx, type, id, READ_SCOPE[type](ctx.actor, 'r'))) {
    throw forbidden('You can view this record but cannot attach files to it.');
  }
  throw notFound('The record');
}

const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;

async function upload(ctx: AuthedContext, input: In<'attachments:upload'>): Promise<AttachmentRow> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.byteLength === 0) throw invalid('contentBase64', 'The file is empty.');
  if (bytes.byteLength > ATTACHMENT_MAX_BYTES) {
    throw invalid(
      'contentBase64',
      `The file is ${mb(bytes.byteLength)}; the limit is ${mb(ATTACHMENT_MAX_BYTES)}.`,
    );
  }
  await checkTarget(ctx, input.relatedType, input.relatedId);
  const name = sanitizeFileName(input.fileName);
  const type = await sniff(bytes, splitExt(name).ext);
  if (!type) {
    throw new AppError(
      'VALIDATION',
      `This file is ${await describeRefused(bytes)}, which cannot be attached. Allowed: ${ALLOWED_TYPES_TEXT}.`,
      [{ path: 'contentBase64', message: 'File type not allowed.' }],
    );
  }
  const sha = await putBlob(ctx.db, ctx.dialect, bytes, ctx.now);
  const row = {
    id: ctx.ids(),
    relatedType: input.relatedType,
    relatedId: input.relatedId,
    ownerUserId: ctx.actor.userId,
    fileName: withExtension(name, type.ext, type.accepted),
    mimeType: type.mime,
    sizeBytes: bytes.byteLength,
    storagePath: blobPath(sha),
    createdAt: ctx.now,
  };
  await ctx.db.insertInto('attachments').values(row).execute();
  await ctx.audit({
    entity: 'attachments',
    entityId: row.id,
    after: { ...row, originalName: input.fileName.slice(0, 300) },
  });
  const stored = await findAttachment(ctx.db, ctx.actor, row.id);
  if (!stored) throw notFound('Attachment');
  return publicRow(stored);
}

async function download(ctx: AuthedContext, input: In<'attachments:download'>) {
  const a = await findAttachment(ctx.db, ctx.actor, input.id);
  if (!a) throw notFound('Attachment');
  const sha = shaOfPath(a.storagePath);
  const bytes = sha ? await getBlob(ctx.db, sha, a.sizeBytes) : null;
  if (!bytes)
    throw new AppError(
      'NOT_FOUND',
      'The contents of this file are not on this computer yet. Sync, then try again.',
    );
  return {
    id: a.id,
    fileName: a.fileName,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    contentBase64: bytes.toString('base64'),
  };
}

/** "delete by owner or admin, audited": the owner, or an admin who can see it (scope). */
async function remove(ctx: AuthedContext, input: In<'attachments:delete'>): Promise<{ deleted: true }> {
  const a = await findAttachment(ctx.db, ctx.actor, input.id);
  if (!a) throw notFound('Attachment');
  if (a.ownerUserId !== ctx.actor.userId && !isAdminRole(ctx.actor.role)) {
    throw forbidden('Only the person who attached this file, or the office, can remove it.');
  }
  await ctx.db.deleteFrom('attachments').where('id', '=', a.id).execute();
  const sha = shaOfPath(a.storagePath);
  if (sha) await dropBlobIfUnused(ctx.db, sha);
  await ctx.audit({ entity: 'attachments', entityId: a.id, before: publicRow(a) });
  return { deleted: true };
}

export const attachmentsHandlers: HandlersFor<typeof attachmentsContract> = {
  'attachments:upload': upload,
  'attachments:list': async (ctx, input) => ({
    rows: (await listAttachments(ctx.db, ctx.actor, input.relatedType, input.relatedId)).map(publicRow),
  }),
  'attachments:download': download,
  'attachments:delete': remove,
};
