import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorNote } from '../../components/ErrorNote';
import { ExpiryNote } from '../../components/ExpiryNote';
import { LinkGroup } from '../../components/LinkRow';
import { LocalIdentity } from '../../components/LocalIdentity';
import { PointsHistoryList } from '../../components/PointsHistoryList';
import { Stat } from '../../components/Stat';
import { CHANNEL_LABEL } from '../../core/labels';
import { ROLE_LABEL, hasRole } from '../../core/roles';
import { useBalance } from '../../hooks/useBalance';
import { useMember } from '../../hooks/useMember';
import { usePointsHistory } from '../../hooks/usePointsHistory';
import { useSessionKey } from '../../hooks/useSessionKey';
import { ME_GROUPS, ME_LINKS } from './links';

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
          <Stat value={balance} label='积分' testId='me-balance' />
        </View>
      ) : null}
      {ME_GROUPS.map(({ group, title }) => (
        <LinkGroup key={group} title={title} rows={m ? ME_LINKS.filter((l) => l.group === group && hasRole(m.role, l.role)) : []} />
      ))}
      <View className='card'>
        <Text className='section-title'>最近积分</Text>
        {history.error ? <ErrorNote error={history.error} onRetry={() => void history.refresh()} /> : null}
        {history.items.length > 0 ? (
          <PointsHistoryList entries={history.items} />
        ) : history.loading ? null : (
          <Text className='muted'>还没有积分记录，去首页签到领第一笔积分吧。</Text>
        )}
      </View>
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
