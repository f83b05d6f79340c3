import { z } from 'zod';
import { form } from '../../src/framework/form.js';
import { saveSigningToken } from '../../src/front-log/subscriptions.js';
import { SIGNING_TOKEN_SAVED_TEXT } from '../../src/render/front-log.js';
import { signingTokenField } from '../shared/fields/log.js';

/** The form behind "Enter signing token": PluralKit's signing token, sealed for every log of the system. */
export const signingTokenForm = form({
  id: 'log.signing-token',
  fields: { signing_token: signingTokenField() },
  schema: z.object({ systemUuid: z.string().max(64) }),
  needs: { token: true },
  async submit(ctx, state, changes) {
    await saveSigningToken(ctx.services, ctx.auth, state.systemUuid, changes.signing_token ?? '');
    await ctx.reply.send({ content: SIGNING_TOKEN_SAVED_TEXT, components: [] });
  },
});
