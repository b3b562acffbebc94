import { defineOperations } from '../../lib/http-schemas.js';

/** How the announcements operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listAnnouncements: {
    summary: "An edition's announcements (通知公告), pinned first, then newest",
    description:
      'Published announcements, public; the newest 200. Organizers see drafts too with `drafts=true` (anyone else: 403).',
    errors: { 403: ['FORBIDDEN'] },
  },
  getAnnouncement: {
    summary: 'One announcement',
    description: 'Public once published; a draft answers 404 `ANNOUNCEMENT_NOT_FOUND` to anyone but organizers.',
    errors: { 404: ['ANNOUNCEMENT_NOT_FOUND'] },
  },
  createAnnouncement: {
    summary: 'Write an announcement of the edition (organizers)',
    description:
      'Chinese title and text required, English optional; `published: true` makes it public at once (dated now), otherwise it stays a draft. `pinned` shows it first.',
    errors: {},
  },
  updateAnnouncement: {
    summary: 'Edit, pin, publish or take back an announcement (organizers)',
    description:
      '`published: true` publishes a draft (dated now; an announcement published before keeps its date), `false` takes it back to a draft.',
    errors: { 404: ['ANNOUNCEMENT_NOT_FOUND'] },
  },
  attachToAnnouncement: {
    summary: 'Attach a file to an announcement (organizers)',
    description:
      'Multipart, one `file` part: PDF, JPEG, PNG or PPTX by content (415 `FILE_TYPE_NOT_ALLOWED`), at most 20 MiB (413). Answers the announcement with its attachments. Public once the announcement is published.',
    errors: {
      400: ['FILE_MISSING', 'MULTIPART_MALFORMED'],
      404: ['ANNOUNCEMENT_NOT_FOUND', 'EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      413: ['FILE_TOO_LARGE'],
      415: ['FILE_TYPE_NOT_ALLOWED', 'MULTIPART_REQUIRED'],
    },
  },
  downloadAnnouncementAttachment: {
    summary: 'Download an announcement’s attachment',
    description:
      'Public once the announcement is published; a draft’s attachment answers 404 `ANNOUNCEMENT_NOT_FOUND` to anyone but organizers. Supports `Range`.',
    errors: { 404: ['ANNOUNCEMENT_NOT_FOUND', 'ANNOUNCEMENT_ATTACHMENT_NOT_FOUND'], 416: ['RANGE_NOT_SATISFIABLE'] },
  },
  removeAnnouncementAttachment: {
    summary: 'Remove an attachment from an announcement (organizers)',
    description: 'The file is deleted from storage too.',
    errors: { 404: ['ANNOUNCEMENT_NOT_FOUND', 'ANNOUNCEMENT_ATTACHMENT_NOT_FOUND'] },
  },
  deleteAnnouncement: {
    summary: 'Delete an announcement (organizers)',
    description: 'Removes it for good, published or not, with its attachments’ files.',
    errors: { 404: ['ANNOUNCEMENT_NOT_FOUND'] },
  },
});
