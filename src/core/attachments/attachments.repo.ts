import type { Kysely } from 'kysely';
import type { AttachmentRow } from '../../shared/contract/attachments.contract.ts';
import type { AttachmentRelatedType } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { scopeAttachments } from '../scope/index.ts';

// attachments rows, always read through scopeAttachments (the owner, and whoever may read the
// record the file hangs on).

const base = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('attachments as at')
    .leftJoin('user_profiles as op', 'op.userId', 'at.ownerUserId')
    .where(scopeAttachments(actor, 'at'))
    .select([
      'at.id',
      'at.relatedType',
      'at.relatedId',
      'at.ownerUserId',
      'op.firstName',
      'op.lastName',
      'at.fileName',
      'at.mimeType',
      'at.sizeBytes',
      'at.storagePath',
      'at.createdAt',
    ]);

type Raw = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export type StoredAttachment = AttachmentRow & { storagePath: string };

const toRow = (r: Raw): StoredAttachment => ({
  id: r.id,
  relatedType: r.relatedType,
  relatedId: r.relatedId,
  ownerUserId: r.ownerUserId,
  ownerName: `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim(),
  fileName: r.fileName,
  mimeType: r.mimeType,
  sizeBytes: Number(r.sizeBytes),
  storagePath: r.storagePath,
  createdAt: r.createdAt,
});

export async function findAttachment(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<StoredAttachment | undefined> {
  const r = await base(db, actor).where('at.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function listAttachments(
  db: Kysely<Database>,
  actor: Actor,
  relatedType: AttachmentRelatedType,
  relatedId: string,
): Promise<StoredAttachment[]> {
  const rows = await base(db, actor)
    .where('at.relatedType', '=', relatedType)
    .where('at.relatedId', '=', relatedId)
    .orderBy('at.createdAt')
    .orderBy('at.id')
    .execute();
  return rows.map(toRow);
}

export const publicRow = ({ storagePath: _s, ...row }: StoredAttachment): AttachmentRow => row;
