import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { textProblem } from '../../../core/formRules';
import { ErrorNote } from '../../../components/ErrorNote';
import { useMemberCare } from '../../../hooks/useOnboarding';
import { showDateTime } from '../../../services/time';
import { controlName } from '../../../components/a11y';

const STATUS_LABEL = { pending: '待审核', admitted: '正式成员', banned: '已封禁' } as const;
const AUDIT_LABEL = { ban: '封禁', unban: '解封', approve: '通过入群', reject: '拒绝入群' } as const;

/** The member detail page's care section (hosts): status, profile, tags, private notes; owners ban and unban with the audit log. */
export function MemberCare({ memberId, nickname }: { memberId: string; nickname: string }) {
  const { care, tag, note, ban, unban } = useMemberCare(memberId);
  const [noteText, setNoteText] = useState('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const c = care.data;
  if (!c) return care.error ? <ErrorNote error={care.error} onRetry={() => void care.reload()} /> : null;

  const toggleTag = (t: string) => void tag.submit(c.tags.includes(t) ? c.tags.filter((x) => x !== t) : [...c.tags, t]);
  const addNote = async () => {
    const found = textProblem(noteText, '备注', 1, 500);
    setProblem(found);
    if (!found && (await note.submit(noteText.trim()))) setNoteText('');
  };
  const doBan = async () => {
    const found = textProblem(reason, '封禁原因', 1, 200) ?? (days && !/^\d{1,3}$/.test(days) ? '封禁天数需为 1–999 的整数，留空表示不设期限' : null);
    setProblem(found);
    if (found) return;
    const until = days ? new Date(Date.now() + Number(days) * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
    const { confirm } = await Taro.showModal({ title: '封禁成员', content: `封禁 ${nickname}${days ? ` ${days} 天` : '（不设期限）'}？未发货的订单会取消并退回积分。\n原因：${reason.trim()}`, confirmText: '封禁' });
    if (!confirm) return;
    const done = await ban.submit(reason.trim(), until);
    if (done) {
      setReason('');
      void Taro.showToast({ title: done.cancelledOrders > 0 ? `已封禁，取消 ${done.cancelledOrders} 个订单` : '已封禁', icon: 'none' });
    }
  };
  const doUnban = async () => {
    const found = textProblem(reason, '解封原因', 1, 200);
    setProblem(found);
    if (!found && (await unban.submit(reason.trim()))) setReason('');
  };

  return (
    <View className='card' data-testid='member-care'>
      <Text className='section-title'>
        画像与备注 <Text className='role-tag'>{STATUS_LABEL[c.status]}</Text>
      </Text>
      {c.ban ? <Text>封禁原因：{c.ban.reason}{c.ban.until ? `，至 ${showDateTime(c.ban.until)}` : '（不设期限）'}</Text> : null}
      {c.profile.map((p) => (
        <View className='figure-row' key={p.label}>
          <Text>{p.label}</Text>
          <Text className='figure-row__value'>{p.value}</Text>
        </View>
      ))}
      <View className='figure-row'>
        <Text>近 30 天贡献值</Text>
        <Text className='figure-row__value'>{c.contribution30}</Text>
      </View>
      <Text className='field__label'>标签（点按添加或移除）</Text>
      <View className='chip-row'>
        {c.tagOptions.map((t) => (
          <Text key={t} className={`chip${c.tags.includes(t) ? ' is-on' : ''}`} aria-label={`标签 ${t}${c.tags.includes(t) ? '（已添加）' : ''}`} onClick={() => toggleTag(t)}>
            {t}
          </Text>
        ))}
      </View>
      <Text className='field__label'>私密备注（仅讲师和群主可见）</Text>
      {c.notes.map((n) => (
        <Text key={`${n.at}${n.byName}`} className='muted'>
          {showDateTime(n.at)} {n.byName}：{n.text}
        </Text>
      ))}
      <Input className='field__input' value={noteText} maxlength={500} {...controlName('私密备注')} placeholder='例如：做教育培训，想合作直播课' onInput={(e) => setNoteText(e.detail.value)} />
      <Button className='btn btn--small btn--ghost' loading={note.submitting} disabled={note.submitting} onClick={() => void addNote()}>
        添加备注
      </Button>
      {c.canBan ? (
        <View>
          <Text className='field__label'>{c.status === 'banned' ? '解封原因' : '封禁原因'}</Text>
          <Input className='field__input' value={reason} maxlength={200} {...controlName(c.status === 'banned' ? '解封原因' : '封禁原因')} onInput={(e) => setReason(e.detail.value)} />
          {c.status === 'banned' ? (
            <Button className='btn btn--small btn--ghost' loading={unban.submitting} disabled={unban.submitting} onClick={() => void doUnban()}>
              解除封禁
            </Button>
          ) : (
            <View>
              <Input className='field__input' type='number' value={days} maxlength={3} {...controlName('封禁天数')} placeholder='封禁天数（留空不设期限）' onInput={(e) => setDays(e.detail.value.trim())} />
              <Button className='btn btn--small btn--ghost' loading={ban.submitting} disabled={ban.submitting} onClick={() => void doBan()}>
                封禁
              </Button>
            </View>
          )}
        </View>
      ) : null}
      {problem ? <Text className='field__error'>{problem}</Text> : null}
      {[tag.error, note.error, ban.error, unban.error].map((e, i) => (e ? <ErrorNote key={i} error={e} /> : null))}
      {c.audit.length > 0 ? <Text className='field__label'>操作记录</Text> : null}
      {c.audit.map((a) => (
        <Text key={`${a.at}${a.action}`} className='muted'>
          {showDateTime(a.at)} {a.byName} {AUDIT_LABEL[a.action]}
          {a.reason ? `：${a.reason}` : ''}
        </Text>
      ))}
    </View>
  );
}
