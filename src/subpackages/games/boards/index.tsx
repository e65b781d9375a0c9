import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { BOARDS, BOARD_KEYS, type BoardKey } from '../../../core/games';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { useBoard, usePraises } from '../../../hooks/useGames';
import { showMonthDayTime } from '../../../services/time';
import '../games.css';

/** 排行榜: each board's top 50 with the member's own rank always shown, recent praise, and the praise the member received. */
export default function BoardsPage() {
  const [board, setBoard] = useState<BoardKey>('streak');
  const remote = useBoard(board);
  const mine = usePraises();
  const b = remote.data;
  return (
    <View className='page'>
      <View className='tabs tabs--many'>
        {BOARD_KEYS.map((key) => (
          <Text key={key} className={`tabs__item ${key === board ? 'is-active' : ''}`} onClick={() => setBoard(key)} aria-label={BOARDS[key].title.endsWith('榜') ? BOARDS[key].title : `${BOARDS[key].title}榜`}>
            {BOARDS[key].title}
          </Text>
        ))}
      </View>
      {remote.error ? <ErrorNote error={remote.error} onRetry={() => void remote.reload()} /> : null}
      {b && b.board === board ? (
        <>
          <View className='card board-row board-row--me' data-testid='board-me'>
            <Text className='board-row__rank'>{b.me.rank ?? '—'}</Text>
            <Text className='board-row__name'>我 · {b.me.rank ? `第 ${b.me.rank} 名` : '还未上榜'}</Text>
            <Text className='board-row__figure'>
              {b.me.figure} {b.unit}
            </Text>
          </View>
          {b.explain ? (
            <View className='card' data-testid='board-explain'>
              <Text className='section-title'>贡献值怎么算</Text>
              <Text className='log-entry__line'>榜上是近 {b.explain.windowDays} 天贡献值：为社群里其他人做的事，按下面的分值累计，超过 {b.explain.windowDays} 天的不再计入。</Text>
              {b.explain.weights.map((w) => (
                <Text key={w.label} className='log-entry__line'>
                  {w.label}：每次 +{w.points}
                </Text>
              ))}
            </View>
          ) : null}
          <View className='card'>
            {b.rows.length === 0 ? <EmptyState title='榜单还是空的' detail={b.explain ? '欢迎新人、回答被采纳、分享被打开后就会上榜。' : '签到、听课、获得积分或表扬后，几分钟内就会上榜。'} /> : null}
            {b.rows.map((r, i) => (
              <View key={i} className={`board-row ${r.isMe ? 'board-row--me' : ''}`} data-testid='board-row'>
                <Text className='board-row__rank'>{r.rank}</Text>
                <Text className='board-row__name'>
                  {r.name}
                  {r.praised > 0 ? ` 👏${r.praised}` : ''}
                </Text>
                <Text className='board-row__figure'>
                  {r.figure} {b.unit}
                </Text>
              </View>
            ))}
          </View>
          {b.recentPraise.length > 0 ? (
            <View className='card'>
              <Text className='section-title'>最新表扬</Text>
              {b.recentPraise.map((p) => (
                <Text key={p.id} className='log-entry__line'>
                  {p.byName} 表扬了 {p.memberName}：{p.text}
                  {p.points > 0 ? `（+${p.points} 积分）` : ''}
                </Text>
              ))}
            </View>
          ) : null}
        </>
      ) : (
        <Text className='muted'>正在加载…</Text>
      )}
      <View className='card' data-testid='my-praise'>
        <Text className='section-title'>我收到的表扬</Text>
        {mine.data && mine.data.praises.length === 0 ? <Text className='muted'>还没有收到表扬，坚持签到和分享就有机会。</Text> : null}
        {mine.data?.praises.map((p) => (
          <Text key={p.id} className='log-entry__line'>
            {showMonthDayTime(p.at)} {p.byName}：{p.text}
            {p.points > 0 ? `（+${p.points} 积分）` : ''}
          </Text>
        ))}
      </View>
    </View>
  );
}
