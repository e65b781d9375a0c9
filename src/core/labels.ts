import type { Channel, LedgerReason } from '../../types/domain';

/** The Chinese text a member reads for each ledger reason. */
export const REASON_LABEL: Record<LedgerReason, string> = {
  checkin: '每日签到',
  streak_bonus: '连续签到奖励',
  makeup: '补签',
  lesson: '听课奖励',
  activity: '活动奖励',
  referral: '邀请奖励',
  campaign: '打卡营奖励',
  topic: '话题回复奖励',
  manual: '人工调整',
  redeem: '商城兑换',
  refund: '退款返还',
  expire: '积分过期',
  red_packet: '积分红包',
  lottery: '抽奖',
  praise: '表扬奖励',
  support: '答疑与客服',
  welcome: '入群礼',
};

/** The Chinese name of each acquisition channel. */
export const CHANNEL_LABEL: Record<Channel, string> = {
  referral: '好友邀请',
  poster: '海报',
  group: '社群',
  lesson: '直播课',
  organic: '自然流量',
};
