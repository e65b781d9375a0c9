import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { MemberView } from '../../types/domain';
import { ROLE_LABEL } from '../core/roles';
import { useMemberSearch } from '../hooks/useMemberSearch';
import { ErrorNote } from './ErrorNote';
import { controlName } from './a11y';
import './ui.css';

interface Props {
  /** Called with the member a person tapped. */
  onPick: (member: MemberView) => void;
  label?: string;
  /** The member picked so far (shown by name, never by id). */
  picked?: { nickname: string } | null;
}

/**
 * Pick a member by nickname (prefix) or invite code: a search box and tappable results, each a
 * button named by nickname, role, invite code and points. Internal member ids are never shown.
 */
export function MemberPicker({ onPick, label = '查找成员', picked = null }: Props) {
  const [query, setQuery] = useState('');
  const search = useMemberSearch(query);
  const searched = query.trim().length > 0;
  return (
    <View className='member-picker' data-testid='member-picker'>
      <View className='field'>
        <Text className='field__label'>{label}</Text>
        <Input
          className='field__input'
          value={query}
          maxlength={20}
          placeholder='输入昵称开头或邀请码'
          onInput={(e) => setQuery(e.detail.value)}
          data-testid='member-picker-input'
          {...controlName(label)}
        />
      </View>
      {picked ? <Text className='member-picker__picked'>已选择：{picked.nickname}</Text> : null}
      {search.error ? <ErrorNote error={search.error} /> : null}
      {search.results.map((m) => (
        <Button
          key={m.id}
          className='member-picker__row'
          data-testid='member-picker-row'
          onClick={() => {
            onPick(m);
            setQuery('');
          }}
        >
          {m.nickname} · {ROLE_LABEL[m.role]} · 邀请码 {m.inviteCode} · {m.points} 积分
        </Button>
      ))}
      {search.hasMore ? (
        <Button className='btn btn--ghost btn--small' loading={search.loading} onClick={() => void search.more()}>
          更多结果
        </Button>
      ) : null}
      {searched && !search.loading && !search.error && search.results.length === 0 ? <Text className='muted'>没有找到昵称以“{query.trim()}”开头或邀请码相同的成员</Text> : null}
    </View>
  );
}
