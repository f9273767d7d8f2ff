import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { ATTACHMENT_RELATED_TYPES } from '../domain/enums.ts';
import { id } from '../domain/fields.ts';

/** Default upload limit (issue 4 item 7), checked on the decoded bytes. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
// base64 of the limit, plus room for a slightly larger file to be refused with a clear message
// instead of a bare "too long": 4/3 of (limit + 1 MiB).
const MAX_BASE64_CHARS = Math.ceil((ATTACHMENT_MAX_BYTES + 1024 * 1024) / 3) * 4;

export const attachmentRow = z.object({
  id: z.string(),
  relatedType: z.enum(ATTACHMENT_RELATED_TYPES),
  relatedId: z.string(),
  ownerUserId: z.string(),
  ownerName: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type AttachmentRow = z.infer<typeof attachmentRow>;

const target = { relatedType: z.enum(ATTACHMENT_RELATED_TYPES), relatedId: id };

export const attachmentsContract = {
  'attachments:upload': defineCall({
    summary:
      'Attach a file (PDF, image, Office document, text/CSV; at most 20 MB) to a session, feedback, goal or assignment you can edit.',
    input: z.strictObject({
      ...target,
      fileName: z.string().min(1, 'The file needs a name.').max(1000, 'The file name is too long.'),
      contentBase64: z
        .string()
        .min(1, 'The file is empty.')
        .max(MAX_BASE64_CHARS, 'The file is larger than 20 MB.')
        .pipe(z.base64({ message: 'The file content is not valid base64.' })),
    }),
    output: attachmentRow,
    roles: ALL_ROLES,
    write: true,
  }),
  'attachments:list': defineCall({
    summary: 'Files attached to a record you can read.',
    input: z.strictObject(target),
    output: z.object({ rows: z.array(attachmentRow) }),
    roles: ALL_ROLES,
    write: false,
  }),
  'attachments:download': defineCall({
    summary: 'One attached file with its contents (base64).',
    input: z.strictObject({ id }),
    output: z.object({
      id: z.string(),
      fileName: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int(),
      contentBase64: z.string(),
    }),
    roles: ALL_ROLES,
    write: false,
  }),
  'attachments:delete': defineCall({
    summary: 'Remove an attached file (its owner, or an admin in scope).',
    input: z.strictObject({ id }),
    output: z.object({ deleted: z.literal(true) }),
    roles: ALL_ROLES,
    write: true,
  }),
};
