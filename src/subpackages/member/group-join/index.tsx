import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { PageStatus } from '../../../components/PageStatus';
import { useJoinCode } from '../../../hooks/useGroups';
import { showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';

/** 活码 join page: always the QR of the first group of the pool that is neither full nor expired (shareable, poster-ready). */
export default function JoinCodePage() {
  const { params } = useRouter();
  const pool = decodeURIComponent(params.pool ?? '');
  const channel = params.channel;
  const code = useJoinCode(pool, channel);
  useShareAppMessage(() => ({ title: '扫码加入我们的社群', path: `/subpackages/member/group-join/index?pool=${encodeURIComponent(pool)}&channel=share` }));
  if (!code.data) return <PageStatus error={code.error} onRetry={() => void code.reload()} />;
  const c = code.data.code;
  if (!c) return <EmptyState title='暂时没有可加入的群' detail={code.data.message ?? '请稍后再来'} />;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title' data-testid='join-group-name'>
          {c.groupName}
        </Text>
        <Image className='poster' src={c.image} mode='widthFix' showMenuByLongpress />
        <Text className='muted'>长按识别二维码进群 · 二维码 {showMonthDayTime(c.expiresAt)} 前有效</Text>
      </View>
    </View>
  );
}
