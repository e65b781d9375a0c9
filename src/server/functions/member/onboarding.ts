/**
 * Entry, the 入群仪式 and member care (issue 16): apply / review, the checklist with the welcome
 * gift paid once, profiles, tags, private notes, greetings, bans, 贡献值 and the KOC list.
 * Errors: VALIDATION (a sentence saying what to fix), FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED.
 */
import * as z from 'zod/mini';
import type { ApplicationView, KocView, MemberProfileDetail, NewcomerView, OnboardingStats, OnboardingView } from '../../../../types/onboarding';
import { addDays, dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { CONTRIBUTION_KINDS, CONTRIBUTION_LABEL, INTRO_MAX, ANSWER_MAX, MAX_QUESTIONS, NEWCOMER_DAYS, ONBOARDING_STEPS, STEP_LABEL, nicknameFormatProblem, profileProblem, stepDone, type OnboardingStepKey, type ProfileValues } from '../../../core/entry';
import { isInviteCode } from '../../../core/inviteCode';
import { nicknameKey } from '../../../core/memberSearch';
import type { RateBudget } from '../../../core/rateLimits';
import type { CommunitySettings } from '../../../core/settings';
import { admittedFields, statusNow } from '../../domain/admission';
import { assertTextAllowed } from '../../domain/contentCheck';
import { addContribution, last30Of, topContributors } from '../../domain/contribution';
import { post } from '../../domain/ledger';
import { withMemberState } from '../../domain/memberState';
import type { MemberDoc } from '../../domain/model';
import type { ApplicationDoc } from '../../domain/onboardingRecords';
import { syncFacets } from '../../domain/memberFacets';
import { reviewReferral } from '../../domain/referralRecords';
import { assertNotSelf } from '../../kernel/access';
import { text } from '../../kernel/fields';
import { cursorSchema, limitSchema, requestIdSchema, type Routes, type RouteContext } from '../../kernel/handler';
import { scanAll } from '../../store/scan';
import type { Store, Tx } from '../../store/port';
import { cancelOrder } from '../mall/index';

/** Nickname changes per member per day: renaming is for mistakes, not for impersonation sprees. */
export const NICKNAME_BUDGET: RateBudget = { name: 'member.nickname', max: 5, per: 'day' };
const NICKNAME_MAX = 20;
const memberIdSchema = z.string().check(z.minLength(1, '请选择成员'), z.maxLength(64, '请选择成员'));
const profileSchema = z.record(z.string().check(z.minLength(1), z.maxLength(32)), z.union([z.string().check(z.maxLength(50, '资料每项最多 50 字')), z.array(z.string().check(z.maxLength(20, '选项最多 20 字'))).check(z.maxLength(12, '最多选 12 项'))]), '请完善个人资料');
const nicknameSchema = text(1, NICKNAME_MAX, '昵称');
const stepSchema = z.enum(['rules', 'nickname', 'profile', 'intro'], '请选择要完成的步骤');
/** ISO instant of the end of a ban. */
const untilSchema = z.string('请选择解封日期').check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, '请选择解封日期'));

/** The steps this community's checklist has: the profile step only when the owner defined fields. */
export function stepsOf(settings: CommunitySettings): OnboardingStepKey[] {
  return ONBOARDING_STEPS.filter((s) => s !== 'profile' || settings.entry.profileFields.length > 0);
}

/** Whether the member walks the checklist: only members admitted since entry rules existed. */
function needsRitual(member: MemberDoc): boolean {
  return typeof member.admittedAt === 'string';
}

/**
 * Whether 首页 asks `member` to read and accept a 群规 version the owner published after they
 * joined: members past the ritual (finished it, or admitted before entry rules existed) who have
 * not accepted the current version, once the owner has changed the rules at least once. A member
 * still in the ritual accepts the current version there. Never blocks anything.
 */
export function mustReacceptRules(member: MemberDoc, settings: CommunitySettings): boolean {
  const version = settings.entry.rulesVersion;
  const pastRitual = !needsRitual(member) || Boolean(member.onboarding?.completedAt);
  return version > 1 && pastRitual && (member.onboarding?.rulesVersion ?? 0) < version;
}

function allDone(member: MemberDoc, settings: CommunitySettings): boolean {
  return stepsOf(settings).every((s) => stepDone(member.onboarding, s, settings.entry.rulesVersion));
}

/** Whether `memberId` is among the top 10% of members by 30-day 贡献值 (积极分子). */
async function isActivist(store: Store, memberId: string, today: string, mine: number): Promise<boolean> {
  if (mine <= 0) return false;
  const top = await activistIds(store, today);
  return top.has(memberId);
}

/** Member ids of the top 10% by 30-day 贡献值 (at most 100). */
async function activistIds(store: Store, today: string): Promise<Set<string>> {
  const members = await store.count('members', {});
  const k = Math.min(100, Math.max(1, Math.ceil(members * 0.1)));
  return new Set((await topContributors(store, today, k)).map((r) => r.doc.id));
}

/** The onboarding view of `member` (member-facing: never private notes or tags). */
export async function onboardingViewOf(ctx: Pick<RouteContext, 'store' | 'settings' | 'now'>, member: MemberDoc): Promise<OnboardingView> {
  const { settings, store } = ctx;
  const [application, intro, contribution] = await Promise.all([store.get('applications', member.id), store.get('intros', member.id), store.get('contributions', member.id)]);
  const status = statusNow(member, settings, ctx.now);
  const ritual = needsRitual(member) && status === 'admitted';
  const today = dayKey(ctx.now, settings.timezone);
  return {
    status,
    communityName: settings.name,
    mode: settings.entry.mode,
    intro: settings.entry.intro,
    questions: settings.entry.questions,
    application: application ? { state: application.state, submittedAt: application.submittedAt, decidedAt: application.decidedAt, reason: application.reason } : null,
    ban: status === 'banned' && member.ban ? { reason: member.ban.reason, until: member.ban.until } : null,
    steps: ritual ? stepsOf(settings).map((key) => ({ key, label: STEP_LABEL[key], done: stepDone(member.onboarding, key, settings.entry.rulesVersion) })) : [],
    // A finished ritual stays finished (the gift is paid once, `completedAt`); a new 群规 version asks for re-acceptance instead.
    completed: !ritual || Boolean(member.onboarding?.completedAt) || allDone(member, settings),
    reacceptRules: status === 'admitted' && mustReacceptRules(member, settings),
    welcomePoints: settings.entry.welcomePoints,
    rules: settings.entry.rules,
    rulesVersion: settings.entry.rulesVersion,
    nicknameFormat: settings.entry.nicknameFormat,
    profileFields: settings.entry.profileFields,
    profile: member.profile ?? {},
    nickname: member.nickname,
    myIntro: intro?.text ?? null,
    greeting: member.greeting ?? null,
    activist: await isActivist(store, member.id, today, last30Of(contribution, today)),
  };
}

function applicationView(a: ApplicationDoc): ApplicationView {
  return { memberId: a.memberId, nickname: a.nickname, answers: a.answers, inviterName: a.inviterName, state: a.state, round: a.round, submittedAt: a.submittedAt, decidedAt: a.decidedAt, decidedByName: a.decidedByName, reason: a.reason };
}

async function audit(tx: Tx, ctx: RouteContext, memberId: string, action: 'ban' | 'unban' | 'approve' | 'reject', reason: string | null, until: string | null): Promise<void> {
  const at = ctx.now.toISOString();
  await tx.set('memberAudit', { id: `${memberId}:${at}:${ctx.memberId}:${action}`, memberId, action, reason, until, byId: ctx.memberId, byName: ctx.member?.nickname ?? '', at });
}

/** Owners ban; hosts only when the owner allowed it (`entry.hostsMayBan`). Throws FORBIDDEN. */
function assertMayBan(ctx: RouteContext): void {
  if (ctx.role !== 'owner' && !ctx.settings.entry.hostsMayBan) throw new AppError('FORBIDDEN', '只有群主可以封禁或解封成员');
}

async function loadTarget(tx: Tx, memberId: string): Promise<MemberDoc> {
  const target = await tx.get('members', memberId);
  if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
  return target;
}

/** The routes of `member` that issue 16 adds (spread into the member route table). */
export const onboardingRoutes: Pick<
  Routes<'member'>,
  'onboarding' | 'apply' | 'applications' | 'review' | 'completeStep' | 'updateProfile' | 'intros' | 'newcomers' | 'greet' | 'tag' | 'note' | 'profileDetail' | 'ban' | 'unban' | 'koc' | 'onboardingStats'
> = {
  onboarding: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      return onboardingViewOf(ctx, ctx.member as MemberDoc);
    },
  },
  apply: {
    access: 'member',
    schema: z.strictObject({
      requestId: requestIdSchema,
      answers: z.array(text(1, ANSWER_MAX, '回答'), '请回答入群问题').check(z.maxLength(MAX_QUESTIONS, `最多 ${MAX_QUESTIONS} 个问题`)),
      ref: z.optional(z.string('请填写正确的邀请码').check(z.trim(), z.toUpperCase(), z.maxLength(16, '请填写正确的邀请码'))),
    }),
    async handle(ctx, params) {
      const { entry } = ctx.settings;
      if (entry.mode === 'paid') throw new AppError('FORBIDDEN', '本社群仅对付费会员开放，开通会员后即可使用');
      let inviterName: string | null = null;
      if (params.ref) {
        const invite = isInviteCode(params.ref) ? await ctx.store.get('invites', params.ref) : null;
        const inviter = invite && invite.memberId !== ctx.memberId ? await ctx.store.get('members', invite.memberId) : null;
        if (!inviter || inviter.banned === true) throw new AppError('VALIDATION', '邀请码无效，请向邀请人确认');
        inviterName = inviter.nickname;
      }
      if (entry.mode === 'referral' && !inviterName) throw new AppError('VALIDATION', '请填写邀请码');
      if (entry.mode === 'application') {
        if (params.answers.length !== entry.questions.length) throw new AppError('VALIDATION', `请回答全部 ${entry.questions.length} 个问题`);
      }
      await ctx.write(async (tx) => {
        const me = await loadTarget(tx, ctx.memberId);
        if ((me.status ?? 'admitted') !== 'pending') throw new AppError('CONFLICT', '你已经是社群成员了');
        const nowIso = ctx.now.toISOString();
        if (entry.mode !== 'application') {
          // Open (rule changed since registration) or a valid invite code: admitted at once.
          await withMemberState(tx, ctx.memberId, async (state) => void Object.assign(state.memberPatch, admittedFields(nowIso)));
          return { admitted: true };
        }
        const prior = await tx.get('applications', ctx.memberId);
        if (prior?.state === 'submitted') throw new AppError('CONFLICT', '申请已提交，请耐心等待审核');
        if (prior?.state === 'approved') throw new AppError('CONFLICT', '申请已通过');
        const application: ApplicationDoc = {
          id: ctx.memberId,
          memberId: ctx.memberId,
          nickname: me.nickname,
          answers: entry.questions.map((question, i) => ({ question, answer: params.answers[i] })),
          ref: params.ref ?? null,
          inviterName,
          state: 'submitted',
          round: (prior?.round ?? 0) + 1,
          submittedAt: nowIso,
          decidedAt: null,
          decidedById: null,
          decidedByName: null,
          reason: null,
          decisionSeconds: null,
        };
        await tx.set('applications', application);
        await withMemberState(tx, ctx.memberId, async (state) => void (state.memberPatch.applicationState = 'submitted'));
        return { admitted: false };
      });
      return onboardingViewOf(ctx, await loadTargetFromStore(ctx.store, ctx.memberId));
    },
  },
  applications: {
    access: 'host',
    schema: z.strictObject({ state: z.optional(z.enum(['submitted', 'approved', 'rejected'], '请选择申请状态')), limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const state = params.state ?? 'submitted';
      const [page, total] = await Promise.all([
        ctx.store.find('applications', { where: { state }, orderBy: { field: 'submittedAt', direction: state === 'submitted' ? 'asc' : 'desc' }, limit: params.limit ?? 20, after: params.after ?? null }),
        ctx.store.count('applications', { state }),
      ]);
      return { applications: page.docs.map(applicationView), total, next: page.next };
    },
  },
  review: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: memberIdSchema, approve: z.boolean('请选择通过或拒绝'), reason: z.optional(text(1, 200, '原因')) }),
    async handle(ctx, params) {
      if (!params.approve && !params.reason) throw new AppError('VALIDATION', '请填写拒绝原因，申请人会看到它');
      assertNotSelf(ctx, params.memberId, '不能审核自己的申请');
      const application = await ctx.write(async (tx) => {
        const current = await tx.get('applications', params.memberId);
        if (!current) throw new AppError('NOT_FOUND', '没有找到这份申请');
        if (current.state !== 'submitted') throw new AppError('CONFLICT', current.state === 'approved' ? '这份申请已通过' : '这份申请已被拒绝，申请人重新提交后才能再审核');
        const target = await loadTarget(tx, params.memberId);
        const nowIso = ctx.now.toISOString();
        const next: ApplicationDoc = {
          ...current,
          state: params.approve ? 'approved' : 'rejected',
          decidedAt: nowIso,
          decidedById: ctx.memberId,
          decidedByName: ctx.member?.nickname ?? '',
          reason: params.reason ?? null,
          decisionSeconds: Math.max(0, Math.round((ctx.now.getTime() - Date.parse(current.submittedAt)) / 1000)),
        };
        await tx.set('applications', next);
        if (target.status === 'pending') {
          await tx.update('members', target.id, params.approve ? admittedFields(nowIso) : { applicationState: 'rejected' });
        }
        await audit(tx, ctx, target.id, params.approve ? 'approve' : 'reject', params.reason ?? null, null);
        return applicationView(next);
      });
      return { application };
    },
  },
  completeStep: {
    access: 'member',
    limits: (p) => (p.step === 'nickname' ? [NICKNAME_BUDGET] : []),
    schema: z.strictObject({
      requestId: requestIdSchema,
      step: stepSchema,
      rulesVersion: z.optional(z.int('请先阅读群规').check(z.minimum(1, '请先阅读群规'))),
      nickname: z.optional(nicknameSchema),
      avatar: z.optional(z.string('头像无效，请重新选择').check(z.maxLength(512, '头像无效，请重新选择'))),
      profile: z.optional(profileSchema),
      intro: z.optional(text(1, INTRO_MAX, '自我介绍')),
    }),
    async handle(ctx, params) {
      const { entry } = ctx.settings;
      const me0 = ctx.member as MemberDoc;
      // Members from before entry rules walk no ritual, but accept a changed 群规 like everyone.
      if (!needsRitual(me0) && params.step !== 'rules') throw new AppError('CONFLICT', '你已是老成员，无需完成入群仪式');
      let patch: Partial<MemberDoc> = {};
      const nowIso = ctx.now.toISOString();
      if (params.step === 'rules') {
        if (params.rulesVersion !== entry.rulesVersion) throw new AppError('CONFLICT', '群规已更新，请重新阅读后同意');
      } else if (params.step === 'nickname') {
        if (!params.nickname) throw new AppError('VALIDATION', '请填写昵称');
        const problem = nicknameFormatProblem(entry.nicknameFormat, params.nickname);
        if (problem) throw new AppError('VALIDATION', problem);
        await assertTextAllowed(ctx.contentCheck, params.nickname, ctx.openid, 'profile');
        patch = { nickname: params.nickname, nicknameKey: nicknameKey(params.nickname), ...(params.avatar ? { avatar: params.avatar } : {}) };
      } else if (params.step === 'profile') {
        const values: ProfileValues = params.profile ?? {};
        const problem = profileProblem(entry.profileFields, values);
        if (problem) throw new AppError('VALIDATION', problem);
        const texts = Object.values(values).filter((v): v is string => typeof v === 'string' && v.trim().length > 0);
        if (texts.length > 0) await assertTextAllowed(ctx.contentCheck, texts.join(' '), ctx.openid, 'profile');
        patch = { profile: values };
      } else {
        if (!params.intro) throw new AppError('VALIDATION', '请填写自我介绍');
        await assertTextAllowed(ctx.contentCheck, params.intro, ctx.openid, 'social');
      }
      await ctx.write(async (tx) =>
        withMemberState(tx, ctx.memberId, async (state) => {
          const me = (await state.member()) as MemberDoc;
          const progress = { ...(me.onboarding ?? {}) };
          if (params.step === 'rules') progress.rulesVersion = entry.rulesVersion;
          if (params.step === 'nickname') progress.nicknameAt = nowIso;
          if (params.step === 'profile') progress.profileAt = nowIso;
          if (params.step === 'intro') {
            progress.introAt = nowIso;
            const nickname = patch.nickname ?? me.nickname;
            const prior = await tx.get('intros', ctx.memberId);
            await tx.set('intros', { id: ctx.memberId, memberId: ctx.memberId, nickname, text: params.intro as string, at: prior?.at ?? nowIso, greeted: prior?.greeted ?? false });
          }
          const after: MemberDoc = { ...me, ...patch, onboarding: progress };
          if (patch.profile) await syncFacets(tx, me, after);
          let paid = 0;
          if (needsRitual(after) && !progress.completedAt && allDone(after, ctx.settings)) {
            progress.completedAt = nowIso;
            if (entry.welcomePoints > 0) {
              // The posting key is the once: a second completion cannot pay it again.
              await post(tx, ctx.memberId, [{ key: `welcome:${ctx.memberId}`, delta: entry.welcomePoints, reason: 'welcome', ref: null }], ctx.now, ctx.settings);
              paid = entry.welcomePoints;
            }
          }
          Object.assign(state.memberPatch, patch, { onboarding: progress });
          return { paid };
        }),
      );
      return onboardingViewOf(ctx, await loadTargetFromStore(ctx.store, ctx.memberId));
    },
  },
  updateProfile: {
    access: 'member',
    limits: (p) => (p.nickname !== undefined ? [NICKNAME_BUDGET] : []),
    schema: z.strictObject({ requestId: requestIdSchema, nickname: z.optional(nicknameSchema), profile: z.optional(profileSchema) }),
    async handle(ctx, params) {
      const { entry } = ctx.settings;
      if (params.nickname === undefined && params.profile === undefined) throw new AppError('VALIDATION', '请修改昵称或资料后再保存');
      const patch: Partial<MemberDoc> = {};
      if (params.nickname !== undefined) {
        const problem = nicknameFormatProblem(entry.nicknameFormat, params.nickname);
        if (problem) throw new AppError('VALIDATION', problem);
        await assertTextAllowed(ctx.contentCheck, params.nickname, ctx.openid, 'profile');
        patch.nickname = params.nickname;
        patch.nicknameKey = nicknameKey(params.nickname);
      }
      if (params.profile !== undefined) {
        const problem = profileProblem(entry.profileFields, params.profile);
        if (problem) throw new AppError('VALIDATION', problem);
        const texts = Object.values(params.profile).filter((v): v is string => typeof v === 'string' && v.trim().length > 0);
        if (texts.length > 0) await assertTextAllowed(ctx.contentCheck, texts.join(' '), ctx.openid, 'profile');
        patch.profile = params.profile;
      }
      await ctx.write(async (tx) =>
        withMemberState(tx, ctx.memberId, async (state) => {
          const me = (await state.member()) as MemberDoc;
          if (patch.profile) await syncFacets(tx, me, { tags: me.tags, profile: patch.profile });
          Object.assign(state.memberPatch, patch);
        }),
      );
      return onboardingViewOf(ctx, await loadTargetFromStore(ctx.store, ctx.memberId));
    },
  },
  intros: {
    access: 'member',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('intros', { orderBy: { field: 'at', direction: 'desc' }, limit: params.limit ?? 20, after: params.after ?? null });
      return { intros: page.docs.map((i) => ({ memberId: i.memberId, nickname: i.nickname, text: i.text, at: i.at })), next: page.next };
    },
  },
  newcomers: {
    access: 'host',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const since = newcomerCutoff(ctx.now);
      const [page, total, waiting] = await Promise.all([
        ctx.store.find('members', { where: { admittedAt: { $gte: since } }, orderBy: { field: 'admittedAt', direction: 'desc' }, limit: params.limit ?? 20, after: params.after ?? null }),
        ctx.store.count('members', { admittedAt: { $gte: since } }),
        ctx.store.count('members', { newcomer: 'waiting', admittedAt: { $gte: since } }),
      ]);
      const steps = stepsOf(ctx.settings);
      const newcomers: NewcomerView[] = await Promise.all(
        page.docs.map(async (m) => ({
          memberId: m.id,
          nickname: m.nickname,
          admittedAt: m.admittedAt as string,
          stepsDone: steps.filter((s) => stepDone(m.onboarding, s, ctx.settings.entry.rulesVersion)).length,
          stepsTotal: steps.length,
          intro: (await ctx.store.get('intros', m.id))?.text ?? null,
          greeted: m.newcomer === 'greeted',
        })),
      );
      return { newcomers, total, waiting, next: page.next };
    },
  },
  greet: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: memberIdSchema, text: text(1, 200, '欢迎语') }),
    async handle(ctx, params) {
      assertNotSelf(ctx, params.memberId, '不能欢迎自己');
      return ctx.write(async (tx) => {
        const target = await loadTarget(tx, params.memberId);
        if (!target.admittedAt) throw new AppError('CONFLICT', '只能欢迎新入群的成员');
        const first = target.newcomer !== 'greeted';
        const nowIso = ctx.now.toISOString();
        const greetSeconds = first ? Math.max(0, Math.round((ctx.now.getTime() - Date.parse(target.admittedAt)) / 1000)) : (target.greetSeconds ?? 0);
        await tx.update('members', target.id, { greeting: { text: params.text, byName: ctx.member?.nickname ?? '', at: nowIso }, newcomer: 'greeted', greetSeconds });
        const intro = await tx.get('intros', target.id);
        if (intro && !intro.greeted) await tx.set('intros', { ...intro, greeted: true });
        // Only the first greeting of a newcomer counts as a contribution (no farming by re-greeting).
        if (first) await addContribution(tx, ctx.memberId, 'intro_greeted', { now: ctx.now, settings: ctx.settings });
        return { memberId: target.id, greetSeconds };
      });
    },
  },
  tag: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: memberIdSchema, tags: z.array(z.string('请从标签列表中选择').check(z.maxLength(20, '请从标签列表中选择')), '请从标签列表中选择').check(z.maxLength(10, '最多 10 个标签')) }),
    async handle(ctx, params) {
      const allowed = new Set(ctx.settings.entry.tags);
      const unknown = params.tags.find((t) => !allowed.has(t));
      if (unknown !== undefined) throw new AppError('VALIDATION', `标签「${unknown}」不在标签列表中，请让群主先添加`);
      const tags = [...new Set(params.tags)];
      return ctx.write(async (tx) => {
        const target = await loadTarget(tx, params.memberId);
        await syncFacets(tx, target, { tags, profile: target.profile });
        await tx.update('members', target.id, { tags });
        return { tags };
      });
    },
  },
  note: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: memberIdSchema, text: text(1, 500, '备注') }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const target = await loadTarget(tx, params.memberId);
        const at = ctx.now.toISOString();
        const note = { text: params.text, byName: ctx.member?.nickname ?? '', at };
        await tx.set('memberNotes', { id: `${target.id}:${at}:${ctx.memberId}`, memberId: target.id, text: params.text, byId: ctx.memberId, byName: note.byName, at });
        return { note };
      });
    },
  },
  profileDetail: {
    access: 'host',
    schema: z.strictObject({ memberId: memberIdSchema }),
    async handle(ctx, params): Promise<MemberProfileDetail> {
      const target = await ctx.store.get('members', params.memberId);
      if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const [notes, audits, contribution] = await Promise.all([
        ctx.store.find('memberNotes', { where: { memberId: target.id }, orderBy: { field: 'at', direction: 'desc' }, limit: 20 }),
        ctx.store.find('memberAudit', { where: { memberId: target.id }, orderBy: { field: 'at', direction: 'desc' }, limit: 20 }),
        ctx.store.get('contributions', target.id),
      ]);
      const status = statusNow(target, ctx.settings, ctx.now);
      const profile = ctx.settings.entry.profileFields
        .map((f) => ({ label: f.label, value: target.profile?.[f.key] }))
        .filter((p): p is { label: string; value: string | string[] } => p.value !== undefined && (Array.isArray(p.value) ? p.value.length > 0 : p.value.length > 0))
        .map((p) => ({ label: p.label, value: Array.isArray(p.value) ? p.value.join('、') : p.value }));
      return {
        status,
        ban: status === 'banned' && target.ban ? { reason: target.ban.reason, until: target.ban.until } : null,
        profile,
        tags: target.tags ?? [],
        tagOptions: ctx.settings.entry.tags,
        notes: notes.docs.map((n) => ({ text: n.text, byName: n.byName, at: n.at })),
        audit: audits.docs.map((a) => ({ action: a.action, reason: a.reason, until: a.until, byName: a.byName, at: a.at })),
        contribution30: last30Of(contribution, today),
        canBan: target.id !== ctx.memberId && (ctx.role === 'owner' ? target.role !== 'owner' : ctx.settings.entry.hostsMayBan && target.role === 'member'),
      };
    },
  },
  ban: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: memberIdSchema, reason: text(1, 200, '封禁原因'), until: z.optional(untilSchema) }),
    async handle(ctx, params) {
      assertNotSelf(ctx, params.memberId, '不能封禁自己');
      assertMayBan(ctx);
      if (params.until && Date.parse(params.until) <= ctx.now.getTime()) throw new AppError('VALIDATION', '解封日期需晚于现在');
      return ctx.once(async () => {
        await ctx.store.transaction(async (tx) => {
          const target = await loadTarget(tx, params.memberId);
          if (target.role === 'owner') throw new AppError('FORBIDDEN', '不能封禁群主');
          if (ctx.role !== 'owner' && target.role !== 'member') throw new AppError('FORBIDDEN', '讲师只能封禁普通成员');
          await tx.update('members', target.id, { status: 'banned', banned: true, ban: { reason: params.reason, until: params.until ?? null, by: ctx.memberId, at: ctx.now.toISOString() } });
          await audit(tx, ctx, target.id, 'ban', params.reason, params.until ?? null);
        });
        // Open orders are cancelled through the mall's one cancel path (refund, stock, limit), each once.
        let cancelledOrders = 0;
        let refunded = 0;
        const orders = await scanAll(ctx.store, 'orders', { where: { memberId: params.memberId }, orderBy: { field: 'createdAt', direction: 'desc' }, max: 500 });
        for (const order of orders.filter((o) => o.status === 'placed' && o.kind !== 'virtual')) {
          try {
            const done = await ctx.store.transaction((tx) => cancelOrder(tx, order.id, { reason: `账号封禁：${params.reason}`, by: ctx.memberId, caseId: null }, ctx.now, ctx.settings));
            cancelledOrders += 1;
            refunded += done.refunded;
          } catch (error) {
            if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
          }
        }
        // Referrals held for review where they are the inviter (or the invitee) are rejected.
        let rejectedReferrals = 0;
        const held = (await scanAll(ctx.store, 'referrals', { where: { inviterId: params.memberId }, orderBy: { field: 'registeredAt', direction: 'asc' }, max: 1000 })).filter((r) => r.queue === 'held');
        const asInvitee = await ctx.store.get('referrals', params.memberId);
        if (asInvitee?.queue === 'held') held.push(asInvitee);
        for (const referral of held) {
          try {
            await ctx.store.transaction((tx) => reviewReferral(tx, referral.id, 'rejected', ctx.now, ctx.settings));
            rejectedReferrals += 1;
          } catch (error) {
            if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
          }
        }
        return { memberId: params.memberId, cancelledOrders, refunded, rejectedReferrals };
      });
    },
  },
  unban: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: memberIdSchema, reason: text(1, 200, '解封原因') }),
    async handle(ctx, params) {
      assertMayBan(ctx);
      return ctx.write(async (tx) => {
        const target = await loadTarget(tx, params.memberId);
        if (target.status !== 'banned') throw new AppError('CONFLICT', '该成员没有被封禁');
        if (ctx.role !== 'owner' && target.role !== 'member') throw new AppError('FORBIDDEN', '讲师只能处理普通成员');
        await tx.update('members', target.id, { status: 'admitted', banned: false, ban: null });
        await audit(tx, ctx, target.id, 'unban', params.reason, null);
        return { memberId: target.id };
      });
    },
  },
  koc: {
    access: 'owner',
    schema: z.strictObject({}),
    async handle(ctx) {
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const [top, activists] = await Promise.all([topContributors(ctx.store, today, 30), activistIds(ctx.store, today)]);
      const kocs: KocView[] = await Promise.all(
        top.map(async ({ doc, last30 }) => ({
          memberId: doc.id,
          nickname: (await ctx.store.get('members', doc.id))?.nickname ?? '已离开的成员',
          last30,
          total: doc.total,
          did: CONTRIBUTION_KINDS.filter((k) => (doc.counts[k] ?? 0) > 0).map((kind) => ({ kind, label: CONTRIBUTION_LABEL[kind], count: doc.counts[kind] ?? 0 })),
          activist: activists.has(doc.id),
        })),
      );
      return { kocs, weights: CONTRIBUTION_KINDS.map((kind) => ({ kind, label: CONTRIBUTION_LABEL[kind], points: ctx.settings.entry.contributionWeights[kind] })) };
    },
  },
  onboardingStats: {
    access: 'owner',
    schema: z.strictObject({}),
    async handle(ctx): Promise<OnboardingStats> {
      const since = addDays(dayKey(ctx.now, ctx.settings.timezone), -180);
      const members = await scanAll(ctx.store, 'members', { where: { admittedAt: { $gte: since } }, orderBy: { field: 'admittedAt', direction: 'asc' }, max: 5000 });
      const steps = stepsOf(ctx.settings);
      const version = ctx.settings.entry.rulesVersion;
      const weeks = new Map<string, { admitted: number; completed: number }>();
      let completed = 0;
      const greetSeconds: number[] = [];
      for (const m of members) {
        const done = Boolean(m.onboarding?.completedAt);
        if (done) completed += 1;
        if (typeof m.greetSeconds === 'number') greetSeconds.push(m.greetSeconds);
        const week = mondayOf(dayKey(m.admittedAt as string, ctx.settings.timezone));
        const w = weeks.get(week) ?? { admitted: 0, completed: 0 };
        w.admitted += 1;
        if (done) w.completed += 1;
        weeks.set(week, w);
      }
      const decided = [
        ...(await scanAll(ctx.store, 'applications', { where: { state: 'approved' }, orderBy: { field: 'submittedAt', direction: 'desc' }, max: 1000 })),
        ...(await scanAll(ctx.store, 'applications', { where: { state: 'rejected' }, orderBy: { field: 'submittedAt', direction: 'desc' }, max: 1000 })),
      ];
      return {
        admitted: members.length,
        perStep: steps.map((key) => ({ key, label: STEP_LABEL[key], done: members.filter((m) => stepDone(m.onboarding, key, version)).length })),
        completed,
        weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([week, w]) => ({ week, ...w })),
        medianGreetSeconds: median(greetSeconds),
        medianDecisionSeconds: median(decided.map((a) => a.decisionSeconds).filter((s): s is number => typeof s === 'number')),
      };
    },
  },
};

async function loadTargetFromStore(store: Store, memberId: string): Promise<MemberDoc> {
  const member = await store.get('members', memberId);
  if (!member) throw new AppError('NOT_FOUND', '该成员不存在');
  return member;
}

/** The earliest admission instant still on the 新人 list. */
export function newcomerCutoff(now: Date): string {
  return new Date(now.getTime() - NEWCOMER_DAYS * 86_400_000).toISOString();
}

function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return addDays(day, -back);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
