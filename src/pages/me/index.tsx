import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorNote } from '../../components/ErrorNote';
import { ExpiryNote } from '../../components/ExpiryNote';
import { LocalIdentity } from '../../components/LocalIdentity';
import { PointsHistoryList } from '../../components/PointsHistoryList';
import { CHANNEL_LABEL } from '../../core/labels';
import { ROLE_LABEL, hasRole } from '../../core/roles';
import { useBalance } from '../../hooks/useBalance';
import { useMember } from '../../hooks/useMember';
import { usePointsHistory } from '../../hooks/usePointsHistory';
import { useSessionKey } from '../../hooks/useSessionKey';

function MeContent({ sessionKey }: { sessionKey: string }) {
  const member = useMember(sessionKey);
  const history = usePointsHistory(10, sessionKey);
  const points = useBalance(sessionKey);
  useDidShow(() => {
    void history.refresh();
    void points.reload();
  });
  const m = member.data;
  const balance = points.data?.balance ?? m?.points ?? 0;

  return (
    <View>
      {member.error ? <ErrorNote error={member.error} onRetry={() => void member.reload()} /> : null}
      {m ? (
        <View className='card profile'>
          <View>
            <Text className='profile__name'>{m.nickname}</Text>
            <Text className='profile__meta'>
              {ROLE_LABEL[m.role]} · {m.joinDay} 加入 · 来自{CHANNEL_LABEL[m.channel]}
            </Text>
            <Text className='profile__meta'>邀请码 {m.inviteCode}</Text>
            <ExpiryNote balance={points.data} />
          </View>
          <View className='stat'>
            <Text className='stat__value' data-testid='me-balance'>
              {balance}
            </Text>
            <Text className='stat__label'>积分</Text>
          </View>
        </View>
      ) : null}
      <View className='card'>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/invite/index' })}>
          <Text className='section-title'>邀请好友</Text>
          <Text className='muted'>好友首签你得 50 积分 ›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/tier/index' })}>
          <Text className='section-title'>会员等级</Text>
          <Text className='muted'>成长值与付费会员 ›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/orders/index' })}>
          <Text className='section-title'>我的订单</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/campaigns/index' })}>
          <Text className='section-title'>打卡营</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/games/boards/index' })}>
          <Text className='section-title'>排行榜与表扬</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/games/packets/index' })}>
          <Text className='section-title'>积分红包</Text>
          <Text className='muted'>抢红包 · 发红包 ›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/games/lotteries/index' })}>
          <Text className='section-title'>抽奖</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/support/index' })}>
          <Text className='section-title'>求助中心</Text>
          <Text className='muted'>提问 · 投诉 · 纠纷 ›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/onboarding/index' })}>
          <Text className='section-title'>我的资料</Text>
          <Text className='muted'>昵称、个人资料、入群仪式 ›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/intros/index' })}>
          <Text className='section-title'>新人介绍</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/groups/index' })}>
          <Text className='section-title'>我的群</Text>
          <Text className='muted'>群榜 · 小群和分会 · PK ›</Text>
        </View>
        <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/points/index' })}>
          <Text className='section-title'>积分明细</Text>
          <Text className='muted'>查看全部 ›</Text>
        </View>
        {history.error ? <ErrorNote error={history.error} onRetry={() => void history.refresh()} /> : null}
        {history.items.length > 0 ? (
          <PointsHistoryList entries={history.items} />
        ) : history.loading ? null : (
          <Text className='muted'>还没有积分记录，去首页签到领第一笔积分吧。</Text>
        )}
      </View>
      {m && hasRole(m.role, 'host') ? (
        <View className='card'>
          <Text className='section-title'>管理</Text>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/applications/index' })}>
            <Text>入群申请审核</Text>
            <Text className='muted'>›</Text>
          </View>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/newcomers/index' })}>
            <Text>新人欢迎</Text>
            <Text className='muted'>›</Text>
          </View>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/members/index' })}>
            <Text>会员名单 · 调整积分</Text>
            <Text className='muted'>›</Text>
          </View>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/groups/index' })}>
            <Text>群管理 · 认领 · 活码 · PK</Text>
            <Text className='muted'>›</Text>
          </View>
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/funnel/index' })}>
              <Text>数据看板 · 漏斗与留存</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/members/index' })}>
              <Text>成员与角色</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/support/index' })}>
            <Text>答疑与客服</Text>
            <Text className='muted'>›</Text>
          </View>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/orders/index' })}>
            <Text>订单管理</Text>
            <Text className='muted'>›</Text>
          </View>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/campaign-new/index' })}>
            <Text>创建打卡营</Text>
            <Text className='muted'>›</Text>
          </View>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/review/index' })}>
            <Text>点评打卡</Text>
            <Text className='muted'>›</Text>
          </View>
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/koc/index' })}>
              <Text>贡献榜（KOC）与入群完成度</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/entry/index' })}>
              <Text>入群设置</Text>
              <Text className='muted'>入群方式、群规、资料项、标签 ›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/referrals/index' })}>
              <Text>邀请审核</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/items/index' })}>
              <Text>商品管理</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/points/index' })}>
              <Text>积分审计</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/rules/index' })}>
              <Text>规则设置</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {/* games (issue 19) */}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/packet-budget/index' })}>
              <Text>红包预算</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/vip/index' })}>
              <Text>会员与续费</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/outbox/index' })}>
              <Text>提醒发件箱</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {/* content (issue 17) */}
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/todo/index' })}>
            <Text>今日待办 · 写帖子</Text>
            <Text className='muted'>›</Text>
          </View>
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/sop/index' })}>
              <Text>运营日历 · 按时完成率</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
          {m.role === 'owner' ? (
            <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/faq/index' })}>
              <Text>关键字回复</Text>
              <Text className='muted'>›</Text>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

/** 我的: profile, invite code, balance and recent points history; management links for hosts and owners. */
export default function MePage() {
  const session = useSessionKey();
  return (
    <View className='page'>
      <LocalIdentity needsPersona={session.needsPersona} onPick={session.choose} onSwitch={() => session.choose(null)} />
      {session.needsPersona ? null : <MeContent key={session.sessionKey} sessionKey={session.sessionKey} />}
    </View>
  );
}
