import { Type } from 'typebox';
import { CONSENT_SCOPES } from '@saishi/shared';
import { DateTime, Uuid, WholeList } from '../../lib/http-schemas.js';

export const ConsentScope = Type.Enum(CONSENT_SCOPES, {
  description: '`personal`: personal information; `sensitive`: the separate consent to ID document images',
});

const NoticeText = Type.String({ minLength: 1, maxLength: 50_000 });

export const PrivacyNotice = Type.Object({
  id: Uuid,
  editionId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  text: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  publishedAt: DateTime,
});

export const PrivacyNoticeBody = Type.Object(
  { text: Type.Object({ 'zh-CN': NoticeText, en: NoticeText }, { additionalProperties: false }) },
  { additionalProperties: false },
);

export const ConsentBody = Type.Object(
  {
    noticeId: Type.String({ format: 'uuid', description: 'The version of the notice the person read and accepts' }),
    scopes: Type.Array(ConsentScope, { minItems: 1, maxItems: CONSENT_SCOPES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const Consent = Type.Object({
  noticeId: Uuid,
  editionId: Uuid,
  version: Type.Integer(),
  scope: ConsentScope,
  givenAt: DateTime,
});

export const ConsentList = WholeList(Consent);
