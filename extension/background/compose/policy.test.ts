import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideExport,
  EXPORT_POLICY_DEFAULTS,
  type ExportSettings,
  type NoticeFacts,
  type NoticeLinks,
} from './policy.ts';

const settings: ExportSettings = {
  ...EXPORT_POLICY_DEFAULTS,
  accountId: '1',
  importAccountId: '7',
  bridgeSource: 'X bridge',
};
const notice = (fields: Partial<NoticeFacts> = {}): NoticeFacts => ({
  id: '100',
  text: 'hello world',
  authorId: '1',
  source: 'web',
  isPublic: true,
  inReplyToStatusId: null,
  repeatOfId: null,
  ...fields,
});
const decide = (
  fields: Partial<NoticeFacts> = {},
  links: NoticeLinks = { imported: false },
  overrides: Partial<ExportSettings> = {},
) => decideExport(notice(fields), { ...settings, ...overrides }, links);

describe('decideExport: what goes out', () => {
  it("exports the user's own public notice as a post", () => {
    expect(decide()).toEqual({ export: true, as: 'post' });
  });

  it('does not export a notice that is not public', () => {
    expect(decide({ isPublic: false })).toMatchObject({
      export: false,
      reason: expect.stringMatching(/not public/),
    });
  });

  it("does not export someone else's notice", () => {
    expect(decide({ authorId: '2' })).toMatchObject({
      export: false,
      reason: 'It is not your notice.',
    });
  });
});

describe('decideExport: no echo loops', () => {
  it('never sends back a notice the bridge posted, by its source', () => {
    expect(decide({ source: 'x bridge ' })).toMatchObject({
      export: false,
      reason: expect.stringMatching(/came from X/),
    });
  });

  it('never sends back a notice the links table knows as imported', () => {
    expect(decide({}, { imported: true })).toMatchObject({
      export: false,
      reason: expect.stringMatching(/came from X/),
    });
  });

  it('never sends back a notice by the import account, even one the user could see as theirs', () => {
    const decision = decide({ authorId: '7' }, { imported: false }, { accountId: '7' });
    expect(decision).toMatchObject({
      export: false,
      reason: expect.stringMatching(/import account/),
    });
  });
});

describe('decideExport: repeats', () => {
  it('reposts a repeat of a notice linked to an X post, imported ones included', () => {
    const decision = decide(
      { repeatOfId: '50', text: 'RT @bob hi' },
      { imported: false, repeatedXPostId: '900' },
    );
    expect(decision).toEqual({ export: true, as: 'repost', xPostId: '900' });
  });

  it('does not export a repeat of a notice that is not on X, and says why', () => {
    expect(decide({ repeatOfId: '50' })).toMatchObject({
      export: false,
      reason: 'It repeats a notice that is not on X, so there is nothing to repost there.',
    });
  });

  it('reposts a linked repeat even in opt-in mode: tags govern the words a user writes', () => {
    const decision = decide(
      { repeatOfId: '50' },
      { imported: false, repeatedXPostId: '900' },
      { optIn: true },
    );
    expect(decision).toMatchObject({ export: true, as: 'repost' });
  });
});

describe('decideExport: replies', () => {
  const reply = { inReplyToStatusId: '50', text: '@bob sure' };

  it('by default, exports a reply to a linked notice as an X reply to its post', () => {
    expect(decide(reply, { imported: false, parentXPostId: '900' })).toEqual({
      export: true,
      as: 'reply',
      inReplyToXPostId: '900',
    });
  });

  it('by default, holds back a reply to a notice that is not on X', () => {
    expect(decide(reply)).toMatchObject({
      export: false,
      reason: expect.stringMatching(/not on X/),
    });
  });

  it('under "all", exports a reply to an unlinked notice as a plain post', () => {
    expect(decide(reply, { imported: false }, { replies: 'all' })).toEqual({
      export: true,
      as: 'post',
    });
  });

  it('under "none", exports no reply, linked or not', () => {
    const decision = decide(reply, { imported: false, parentXPostId: '900' }, { replies: 'none' });
    expect(decision).toMatchObject({
      export: false,
      reason: expect.stringMatching(/replies off X/),
    });
  });

  it('treats a notice opening with @nick but replying to nothing as a reply to an unlinked notice', () => {
    expect(decide({ text: '@bob are you there?' })).toMatchObject({
      export: false,
      reason: expect.stringMatching(/starts with an @-address/),
    });
    expect(decide({ text: '  @bob@remote.example hi' }).export).toBe(false);
    expect(decide({ text: '@bob hi' }, { imported: false }, { replies: 'all' })).toEqual({
      export: true,
      as: 'post',
    });
  });

  it('does not treat an @ later in the text, or an e-mail, as addressing', () => {
    expect(decide({ text: 'hi @bob' }).export).toBe(true);
    expect(decide({ text: 'bob@example.com wrote' }).export).toBe(true);
  });
});

describe('decideExport: tags', () => {
  it('holds back a notice tagged with the opt-out tag, #notx by default', () => {
    expect(decide({ text: 'private-ish #NotX' })).toMatchObject({
      export: false,
      reason: 'It is tagged #notx, which keeps a notice off X.',
    });
  });

  it('in opt-in mode, exports only notices tagged with the opt-in tag, #x by default', () => {
    expect(decide({ text: 'for X #x' }, { imported: false }, { optIn: true }).export).toBe(true);
    expect(decide({ text: 'merry #xmas' }, { imported: false }, { optIn: true })).toMatchObject({
      export: false,
      reason: 'Only notices tagged #x go to X, and it is not tagged.',
    });
  });

  it('lets the opt-out tag win over the opt-in tag', () => {
    expect(decide({ text: '#x #notx' }, { imported: false }, { optIn: true }).export).toBe(false);
  });

  it('uses the configured tags', () => {
    const custom = { optOutTag: '#private', optIn: true, optInTag: '#tweet' };
    expect(decide({ text: 'a #tweet' }, { imported: false }, custom).export).toBe(true);
    expect(decide({ text: 'a #tweet #private' }, { imported: false }, custom).export).toBe(false);
  });
});

describe('decideExport: properties', () => {
  it('never exports a notice that came from X, whatever else is true of it', () => {
    const facts = fc.record({
      id: fc.string(),
      text: fc.string(),
      authorId: fc.constantFrom('1', '2', '7'),
      source: fc.option(fc.constantFrom('web', 'X bridge', 'x BRIDGE')),
      isPublic: fc.boolean(),
      inReplyToStatusId: fc.option(fc.constant('50')),
      repeatOfId: fc.option(fc.constant('60')),
    });
    const links = fc.record({
      imported: fc.boolean(),
      parentXPostId: fc.option(fc.constant('900'), { nil: undefined }),
      repeatedXPostId: fc.option(fc.constant('901'), { nil: undefined }),
    });
    const replies = fc.constantFrom('all' as const, 'bridged' as const, 'none' as const);
    fc.assert(
      fc.property(facts, links, replies, fc.boolean(), (n, l, policy, optIn) => {
        const decision = decideExport(n, { ...settings, replies: policy, optIn }, l);
        const fromX = l.imported || n.source?.toLowerCase() === 'x bridge' || n.authorId === '7';
        if (fromX || n.authorId !== '1' || !n.isPublic) expect(decision.export).toBe(false);
        if (!decision.export) expect(decision.reason).toMatch(/^[A-Z].*\.$/);
      }),
    );
  });
});
