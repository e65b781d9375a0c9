import { Button, Text, View } from '@tarojs/components';
import type { MemberView, Role } from '../../types/domain';
import { CHANNEL_LABEL } from '../core/labels';
import { ROLE_LABEL } from '../core/roles';
import './ui.css';

interface Props {
  members: MemberView[];
  /** When given (owner view), each non-owner row offers to grant or revoke the host role. */
  onChangeRole?: (memberId: string, role: Role) => void;
  changing?: string | null;
  /** When given (host and owner views), each row offers a manual points adjustment. */
  onAdjust?: (member: MemberView) => void;
}

/** Community members with role, channel, join day and points. */
export function MemberList({ members, onChangeRole, changing, onAdjust }: Props) {
  return (
    <View className='member-list'>
      {members.map((m) => (
        <View key={m.id} className='member-list__row' data-testid='member-row'>
          <View className='member-list__main'>
            <Text className='member-list__name'>
              {m.nickname} <Text className={`role-tag role-tag--${m.role}`}>{ROLE_LABEL[m.role]}</Text>
            </Text>
            <Text className='member-list__meta'>
              {m.joinDay} 加入 · {CHANNEL_LABEL[m.channel]} · {m.points} 积分
            </Text>
          </View>
          {onAdjust ? (
            <Button className='btn btn--small btn--ghost' onClick={() => onAdjust(m)}>
              调整积分
            </Button>
          ) : null}
          {onChangeRole && m.role !== 'owner' ? (
            <Button
              className='btn btn--small btn--ghost'
              loading={changing === m.id}
              disabled={changing === m.id}
              onClick={() => onChangeRole(m.id, m.role === 'host' ? 'member' : 'host')}
            >
              {m.role === 'host' ? '取消讲师' : '设为讲师'}
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  );
}
