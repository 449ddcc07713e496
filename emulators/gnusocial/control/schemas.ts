import { z } from 'zod';

/** Bodies of the control API (`/_control`), checked at the edge like every trust boundary. */

export const resetSchema = z.object({ demo: z.boolean().optional() }).default({});

export const newUserSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(6),
  fullname: z.string().optional(),
  email: z.string().optional(),
  protected: z.boolean().optional(),
});

export const userPatchSchema = z.object({
  protected: z.boolean().optional(),
  password: z.string().min(6).optional(),
  fullname: z.string().optional(),
});

export const followSchema = z.object({ target: z.string().min(1) });

export const newNoticeSchema = z.object({
  text: z.string().min(1),
  source: z.string().min(1).default('web'),
  inReplyTo: z.number().int().positive().optional(),
});

export const noticeRefSchema = z.object({ noticeId: z.number().int().positive() });

export const consumerSchema = z.object({
  name: z.string().min(1),
  organization: z.string().default(''),
  sourceUrl: z.url().optional(),
  callbackUrl: z.url().optional(),
  access: z.enum(['read', 'read-write']).default('read-write'),
});

export const settingsPatchSchema = z.object({
  siteName: z.string().min(1).optional(),
  textLimit: z.number().int().min(0).optional(),
  uploads: z.boolean().optional(),
  fileQuota: z.number().int().min(0).optional(),
  dupeLimitSeconds: z.number().int().min(0).optional(),
  quirks: z
    .object({
      unfaveAnswers500: z.boolean().optional(),
      destroyFavedAnswers500: z.boolean().optional(),
      registerMailFails: z.boolean().optional(),
      retweetAnswerShowsNotRepeated: z.boolean().optional(),
    })
    .optional(),
});

export const clockSchema = z.union([
  z.object({ advanceMs: z.number().int() }),
  z.object({ setMs: z.number().int().nonnegative() }),
]);
