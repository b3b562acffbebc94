import fp from 'fastify-plugin';
import { DomainError } from '../lib/errors.js';
import { findControlCharacter } from '../lib/text.js';

/**
 * Text is checked at the edge, once for every route: a parameter, query or body string with a
 * control character is refused with 400 `TEXT_CONTROL_CHARACTER` naming the field, before any
 * schema validation or handler sees it.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      const path =
        findControlCharacter(request.params, '/params') ??
        findControlCharacter(request.query, '/querystring') ??
        findControlCharacter(request.body, '/body');
      if (path) {
        throw new DomainError('TEXT_CONTROL_CHARACTER', 400, {
          params: { path },
          fields: [{ path, code: 'TEXT_CONTROL_CHARACTER', params: { path } }],
        });
      }
    });
  },
  { name: 'input-text' },
);
