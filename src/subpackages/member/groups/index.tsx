import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { GroupView } from '../../../../types/groups';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { PkCard } from '../../../components/PkCard';
import { GROUP_KIND_LABEL } from '../../../core/groups';
import { useMyGroups } from '../../../hooks/useGroups';
import '../../../components/ui.css';

function describe(g: GroupView): string {
  const parts = [g.kind ? GROUP_KIND_LABEL[g.kind] : '未认领', g.region, g.topic].filter(Boolean);
  return `${parts.join(' · ')} · 已加入 ${g.joined}/${g.capacity}`;
}

/** 我的群: the WeChat groups I was seen in or joined, sub-groups to join by region or interest, and PKs. */
export default function MyGroupsPage() {
  const { entered, groups, pks, join, leave, reload } = useMyGroups();
  const [filter, setFilter] = useState<string | null>(null);
  useDidShow(() => void reload());
  const data = groups.data;
  const joinable = (data?.joinable ?? []).filter((g) => !filter || g.region === filter || g.topic === filter);
  const filters = [...new Set((data?.joinable ?? []).flatMap((g) => [g.region, g.topic]).filter((x): x is string => !!x))];
  const open = (g: GroupView) => void Taro.navigateTo({ url: `/subpackages/member/group/index?id=${encodeURIComponent(g.id)}` });
  const onJoin = async (g: GroupView) => {
    if (await join.submit(g.id)) void Taro.showToast({ title: '已加入', icon: 'success' });
  };
  const onLeave = async (g: GroupView) => {
    const { confirm } = await Taro.showModal({ title: `退出「${g.name}」？`, content: '退出后不再计入这个群的榜单。', confirmText: '退出' });
    if (confirm && (await leave.submit(g.id))) void Taro.showToast({ title: '已退出', icon: 'success' });
  };
  return (
    <View className='page'>
      {groups.error ? <ErrorNote error={groups.error} onRetry={() => void groups.reload()} /> : null}
      {join.error ? <ErrorNote error={join.error} /> : null}
      {leave.error ? <ErrorNote error={leave.error} /> : null}
      {entered ? (
        <View className='card'>
          <Text className='ok-note'>{entered.firstTime ? `欢迎来到「${entered.group.name}」` : `你从「${entered.group.name}」进入`}</Text>
          {entered.canClaim ? <Text className='muted'>这个群还没有认领，可以在「群管理」里给它起名、设为小群或分会。</Text> : null}
        </View>
      ) : null}
      <View className='card'>
        <Text className='section-title'>我所在的群</Text>
        {data && data.mine.length === 0 ? <EmptyState title='还没有识别到你的群' detail='从微信群里的小程序卡片进入一次，这里就会出现那个群和它的榜单。' /> : null}
        {(data?.mine ?? []).map((g) => (
          <View key={g.id} className='link-row' data-testid='my-group'>
            <View className='member-list__main' onClick={() => open(g)} role='button' aria-label={`查看${g.name}的群榜`}>
              <Text className='member-list__name'>{g.name}</Text>
              <Text className='member-list__meta'>{describe(g)}</Text>
            </View>
            {g.mine?.joined ? (
              <Button className='btn btn--small btn--ghost' aria-label={`退出${g.name}`} onClick={() => void onLeave(g)}>
                退出
              </Button>
            ) : (
              <Text className='muted' onClick={() => open(g)}>
                群榜 ›
              </Text>
            )}
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>可以加入的小群和分会</Text>
        {filters.length > 0 ? (
          <View className='tabs'>
            <Text className={`tabs__item${filter === null ? ' is-active' : ''}`} onClick={() => setFilter(null)}>
              全部
            </Text>
            {filters.map((f) => (
              <Text key={f} className={`tabs__item${filter === f ? ' is-active' : ''}`} onClick={() => setFilter(f)}>
                {f}
              </Text>
            ))}
          </View>
        ) : null}
        {data && joinable.length === 0 ? <Text className='muted'>暂时没有可加入的小群或分会。</Text> : null}
        {joinable.map((g) => (
          <View key={g.id} className='link-row' data-testid='joinable-group'>
            <View className='member-list__main'>
              <Text className='member-list__name'>{g.name}</Text>
              <Text className='member-list__meta'>{describe(g)}</Text>
            </View>
            <Button className='btn btn--small btn--primary' aria-label={`加入${g.name}`} disabled={g.joined >= g.capacity || join.submitting} onClick={() => void onJoin(g)}>
              {g.joined >= g.capacity ? '已满' : '加入'}
            </Button>
          </View>
        ))}
        <Text className='muted'>加入后请扫群管理员发的群二维码进群；从群里的卡片打开一次，群榜就会记上你。</Text>
      </View>
      {(pks.data?.pks ?? []).map((pk) => (
        <PkCard key={pk.id} pk={pk} />
      ))}
    </View>
  );
}
