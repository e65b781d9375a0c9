import type { Role } from '../../../types/domain';

/** One entry of the 我的 menu: who sees it, which group it sits in, and where it goes. */
export interface MeLink {
  group: 'mine' | 'manage' | 'owner';
  title: string;
  hint?: string;
  url: string;
  /** The least role that sees the row (owner rows also need the owner role). */
  role: Role;
}

/** Group titles on the 我的 page, in display order. */
export const ME_GROUPS: Array<{ group: MeLink['group']; title: string }> = [
  { group: 'mine', title: '我的' },
  { group: 'manage', title: '运营管理' },
  { group: 'owner', title: '群主设置' },
];

/**
 * Every link on the 我的 page. Branches adding a page APPEND a row to this list (one line each);
 * the page groups and filters them by role.
 */
export const ME_LINKS: MeLink[] = [
  { group: 'mine', title: '邀请好友', hint: '好友首签你得 50 积分', url: '/subpackages/member/invite/index', role: 'member' },
  { group: 'mine', title: '会员等级', hint: '成长值与付费会员', url: '/subpackages/member/tier/index', role: 'member' },
  { group: 'mine', title: '我的订单', url: '/subpackages/member/orders/index', role: 'member' },
  { group: 'mine', title: '打卡营', url: '/subpackages/member/campaigns/index', role: 'member' },
  { group: 'mine', title: '我的群', hint: '群榜 · 小群和分会 · PK', url: '/subpackages/member/groups/index', role: 'member' },
  { group: 'mine', title: '积分红包', hint: '抢红包 · 发红包', url: '/subpackages/games/packets/index', role: 'member' },
  { group: 'mine', title: '排行榜与表扬', url: '/subpackages/games/boards/index', role: 'member' },
  { group: 'mine', title: '抽奖', url: '/subpackages/games/lotteries/index', role: 'member' },
  { group: 'mine', title: '求助中心', hint: '提问 · 投诉 · 纠纷', url: '/subpackages/member/support/index', role: 'member' },
  { group: 'mine', title: '我的资料', hint: '昵称、个人资料、入群仪式', url: '/subpackages/member/onboarding/index', role: 'member' },
  { group: 'mine', title: '新人介绍', url: '/subpackages/member/intros/index', role: 'member' },
  { group: 'mine', title: '签到日历', hint: '补签与打卡笔记', url: '/subpackages/member/calendar/index', role: 'member' },
  { group: 'mine', title: '积分明细', hint: '查看全部', url: '/subpackages/member/points/index', role: 'member' },
  { group: 'manage', title: '今日待办 · 写帖子', url: '/subpackages/host/todo/index', role: 'host' },
  { group: 'manage', title: '会员名单 · 调整积分', url: '/subpackages/host/members/index', role: 'host' },
  { group: 'manage', title: '入群申请审核', url: '/subpackages/host/applications/index', role: 'host' },
  { group: 'manage', title: '新人欢迎', url: '/subpackages/host/newcomers/index', role: 'host' },
  { group: 'manage', title: '答疑与客服', url: '/subpackages/host/support/index', role: 'host' },
  { group: 'manage', title: '群管理 · 认领 · 活码 · PK', url: '/subpackages/host/groups/index', role: 'host' },
  { group: 'manage', title: '订单管理', url: '/subpackages/host/orders/index', role: 'host' },
  { group: 'manage', title: '创建打卡营', url: '/subpackages/host/campaign-new/index', role: 'host' },
  { group: 'manage', title: '点评打卡', url: '/subpackages/host/review/index', role: 'host' },
  { group: 'owner', title: '数据看板 · 漏斗与留存', url: '/subpackages/owner/funnel/index', role: 'owner' },
  { group: 'owner', title: '运营日历 · 按时完成率', url: '/subpackages/owner/sop/index', role: 'owner' },
  { group: 'owner', title: '关键字回复', url: '/subpackages/owner/faq/index', role: 'owner' },
  { group: 'owner', title: '入群设置', hint: '入群方式、群规、资料项、标签', url: '/subpackages/owner/entry/index', role: 'owner' },
  { group: 'owner', title: '贡献榜（KOC）与入群完成度', url: '/subpackages/owner/koc/index', role: 'owner' },
  { group: 'owner', title: '红包预算', url: '/subpackages/owner/packet-budget/index', role: 'owner' },
  { group: 'owner', title: '成员与角色', url: '/subpackages/owner/members/index', role: 'owner' },
  { group: 'owner', title: '邀请审核', url: '/subpackages/owner/referrals/index', role: 'owner' },
  { group: 'owner', title: '商品管理', url: '/subpackages/owner/items/index', role: 'owner' },
  { group: 'owner', title: '积分审计', url: '/subpackages/owner/points/index', role: 'owner' },
  { group: 'owner', title: '规则设置', hint: '签到、等级、会员、邀请、过期', url: '/subpackages/owner/rules/index', role: 'owner' },
  { group: 'owner', title: '会员与续费', url: '/subpackages/owner/vip/index', role: 'owner' },
  { group: 'owner', title: '提醒发件箱', url: '/subpackages/owner/outbox/index', role: 'owner' },
  { group: 'owner', title: '更多规则', hint: '邀请、等级、有效期、口径', url: '/subpackages/owner/rule-sets/index', role: 'owner' },
];
