import { Type } from 'typebox';
import { DateTime, EditionRef, Nullable, Uuid } from '../../lib/http-schemas.js';
import { ANNOUNCEMENT_BODY_EXAMPLE, ANNOUNCEMENT_EXAMPLE, ANNOUNCEMENT_PATCH_EXAMPLE } from './examples.js';

const Fields = {
  titleZh: Type.String({ minLength: 1, maxLength: 200, description: 'The title in Chinese' }),
  titleEn: Nullable(Type.String({ minLength: 1, maxLength: 200 }), { description: 'The title in English, if any' }),
  bodyZh: Type.String({ minLength: 1, maxLength: 20_000, description: 'The text in Chinese (plain text)' }),
  bodyEn: Nullable(Type.String({ minLength: 1, maxLength: 20_000 }), { description: 'The text in English, if any' }),
  pinned: Type.Boolean({ description: 'Shown first' }),
  published: Type.Boolean({ description: 'Public; false keeps it a draft that only organizers see' }),
};

export const Attachment = Type.Object({
  fileId: Uuid,
  name: Type.String({ description: 'The name it was uploaded with' }),
  mimeType: Type.String({ description: 'Detected from the content' }),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String(),
});

export const AttachmentParams = Type.Object({ id: Uuid, fileId: Uuid });

export const Announcement = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    titleZh: Fields.titleZh,
    titleEn: Fields.titleEn,
    bodyZh: Fields.bodyZh,
    bodyEn: Fields.bodyEn,
    pinned: Fields.pinned,
    publishedAt: Nullable(DateTime, { description: 'When it was published; null for a draft' }),
    updatedAt: DateTime,
    attachments: Type.Array(Attachment, { description: 'Files to download, in the order they were attached' }),
  },
  { examples: [ANNOUNCEMENT_EXAMPLE] },
);

export const AnnouncementBody = Type.Object(
  {
    titleZh: Fields.titleZh,
    titleEn: Type.Optional(Fields.titleEn),
    bodyZh: Fields.bodyZh,
    bodyEn: Type.Optional(Fields.bodyEn),
    pinned: Type.Optional(Fields.pinned),
    published: Type.Optional(Fields.published),
  },
  { additionalProperties: false, examples: [ANNOUNCEMENT_BODY_EXAMPLE] },
);

export const AnnouncementPatch = Type.Partial(Type.Object(Fields), {
  additionalProperties: false,
  minProperties: 1,
  examples: [ANNOUNCEMENT_PATCH_EXAMPLE],
});

export const AnnouncementListQuery = Type.Object(
  {
    drafts: Type.Optional(Type.Boolean({ description: 'Organizers: drafts too', default: false })),
  },
  { additionalProperties: false },
);

export const AnnouncementListParams = Type.Object({ edition: EditionRef() });
