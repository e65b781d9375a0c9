import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { drawWinners } from '../../../core/games';
import { hasRole } from '../../../core/roles';
import { sha256Hex } from '../../../core/sha256';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useLottery } from '../../../hooks/useGames';
import { useMember } from '../../../hooks/useMember';
import { showDateTime } from '../../../services/time';
import '../games.css';

/** 抽奖详情: prizes and entry, the published seed hash, then the revealed seed, winners and a check the phone runs itself. */
export default function LotteryPage() {
  const id = useRouter().params.id ?? '';
  const { remote, enter, draw, cancel } = useLottery(id);
  const me = useMember();
  if (!remote.data) return <PageStatus error={remote.error} onRetry={() => void remote.reload()} />;
  const l = remote.data.lottery;
  const host = me.data ? hasRole(me.data.role, 'host') : false;
  const revealed = l.seed !== null;
  const hashOk = revealed && sha256Hex(l.seed as string) === l.seedHash;
  const recomputed = revealed ? drawWinners(l.seed as string, l.entryCodes, l.winners.length) : [];
  const winnersOk = revealed && recomputed.join(',') === l.winners.map((w) => w.code).join(',');

  const onCancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消抽奖', content: '取消后参与积分原路退回，商品奖品回到库存。确定取消？' });
    if (confirm && (await cancel.submit(l.id))) void Taro.showToast({ title: '已取消', icon: 'success' });
  };
  const failure = enter.error ?? draw.error ?? cancel.error;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>{l.title}</Text>
        <Text className='muted'>
          {l.hostName} 发起 · {l.entries} 人参与 · {l.entryLabel}
        </Text>
        {l.prizes.map((p, i) => (
          <View key={i} className='figure-row'>
            <Text>{p.label}</Text>
            <Text className='figure-row__value'>{p.winners} 名</Text>
          </View>
        ))}
        <Text className='muted'>
          报名截止 {showDateTime(l.entryDeadline)} · 开奖 {showDateTime(l.drawAt)}
        </Text>
        {l.myCode ? <Text data-testid='lottery-mine'>已参与，我的抽奖码 {l.myCode}</Text> : null}
        {l.state === 'open' && !l.myCode ? (
          l.blockedBy ? (
            <Text className='muted'>{l.blockedBy}</Text>
          ) : (
            <Button className='btn btn--primary' loading={enter.submitting} disabled={enter.submitting} onClick={() => void enter.submit(l.id)}>
              参与抽奖
            </Button>
          )
        ) : null}
        {l.state === 'cancelled' ? <Text className='muted'>抽奖已取消，参与积分已退回。</Text> : null}
        {host && l.state === 'open' ? (
          <View className='row-actions'>
            <Button className='btn btn--small btn--ghost' loading={draw.submitting} disabled={draw.submitting} onClick={() => void draw.submit(l.id)}>
              立即开奖
            </Button>
            <Button className='btn btn--small btn--ghost' loading={cancel.submitting} disabled={cancel.submitting} onClick={() => void onCancel()}>
              取消抽奖
            </Button>
          </View>
        ) : null}
        {failure ? <ErrorNote error={failure} /> : null}
      </View>
      {revealed ? (
        <View className='card' data-testid='lottery-winners'>
          <Text className='section-title'>中奖名单</Text>
          {l.winners.length === 0 ? <Text className='muted'>没有人参与，本次无人中奖。</Text> : null}
          {l.winners.map((w) => (
            <View key={w.code} className='figure-row'>
              <Text>
                {w.isMe ? `${w.name}（我）` : w.name} · {w.code}
              </Text>
              <Text className='figure-row__value'>{w.prize}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='card' data-testid='lottery-proof'>
        <Text className='section-title'>公平性验证</Text>
        <Text className='muted'>创建时公布的种子哈希（SHA-256）：</Text>
        <Text className='proof'>{l.seedHash}</Text>
        {revealed ? (
          <>
            <Text className='muted'>开奖时公开的种子：</Text>
            <Text className='proof'>{l.seed}</Text>
            <Text data-testid='proof-hash'>{hashOk ? '✓ 种子的 SHA-256 与创建时公布的一致' : '✗ 种子与公布的哈希不一致'}</Text>
            <Text data-testid='proof-winners'>{winnersOk ? '✓ 本机按下面的方法重算，中奖名单一致' : '✗ 重算结果与公布的中奖名单不一致'}</Text>
            <Text className='muted'>
              怎么算：把全部 {l.entryCodes.length} 个抽奖码按字典序排好；第 i 位中奖者（i 从 0 开始）取 SHA-256(“种子:i”) 的前 12 位十六进制数，除以剩余人数取余数，就是他在剩余抽奖码中的位置，取出后继续下一位。任何人都可以用公布的种子和抽奖码重算。
            </Text>
            <Text className='proof'>{l.entryCodes.join(' ')}</Text>
          </>
        ) : (
          <Text className='muted'>开奖时会公开种子，你可以核对它的哈希，并用全部抽奖码重算中奖名单。种子在开奖前只保存在服务器上，发起人也改不了。</Text>
        )}
      </View>
    </View>
  );
}
