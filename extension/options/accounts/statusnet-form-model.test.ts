import { describe, expect, it } from 'vitest';
import { checkStatusNetForm, emptyStatusNetForm } from './statusnet-form-model.ts';

const form = (patch: Partial<ReturnType<typeof emptyStatusNetForm>>) => ({
  ...emptyStatusNetForm(),
  ...patch,
});

describe('checkStatusNetForm', () => {
  it('builds a Basic request with the origin to ask access for', () => {
    expect(
      checkStatusNetForm(
        'statusnet',
        form({ server: ' social.example ', username: '@alice ', password: ' pass word ' }),
      ),
    ).toEqual({
      ok: true,
      origin: 'https://social.example',
      request: {
        role: 'statusnet',
        server: 'social.example',
        // The password is sent exactly as typed; the name loses its @ and spaces.
        credentials: { kind: 'basic', username: 'alice', password: ' pass word ' },
      },
    });
  });

  it('sends only the consumer for OAuth, never a password typed before switching', () => {
    const checked = checkStatusNetForm(
      'import',
      form({
        server: 'http://127.0.0.1:4000/api',
        method: 'oauth1',
        password: 'left over',
        consumerKey: 'ck',
        consumerSecret: 'cs',
      }),
    );
    expect(checked).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:4000',
      request: {
        role: 'import',
        server: 'http://127.0.0.1:4000/api',
        credentials: { kind: 'oauth1', consumerKey: 'ck', consumerSecret: 'cs' },
      },
    });
  });

  it('reports every missing field at once, beside each field', () => {
    expect(checkStatusNetForm('statusnet', form({}))).toEqual({
      ok: false,
      errors: {
        server: expect.stringMatching(/Enter the address/),
        username: 'Enter your user name on the site.',
        password: 'Enter the password.',
      },
    });
    expect(
      checkStatusNetForm('statusnet', form({ server: 'a.example', method: 'oauth1' })),
    ).toEqual({
      ok: false,
      errors: {
        consumerKey: 'Enter the consumer key.',
        consumerSecret: 'Enter the consumer secret.',
      },
    });
  });

  it('refuses an address for a user name, and a URL that is no web address', () => {
    const checked = checkStatusNetForm(
      'statusnet',
      form({ server: 'ftp://social.example', username: 'alice@social.example', password: 'x' }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        server: expect.stringMatching(/https:\/\//),
        username: expect.stringMatching(/user name alone/),
      },
    });
  });
});
