import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import type { GroupKind, GroupView, PkMetric } from '../../../../types/groups';
import { ErrorNote } from '../../../components/ErrorNote';
import { PkCard } from '../../../components/PkCard';
import { GROUP_KINDS, GROUP_KIND_LABEL, defaultCapacity } from '../../../core/groups';
import { intProblem, textProblem } from '../../../core/formRules';
import { useGroupAdmin } from '../../../hooks/useGroups';
import type { ApiFailure } from '../../../services/api';
import { instantInCommunity, showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';
import { controlName } from '../../../components/a11y';

interface ClaimForm {
  groupId: string;
  name: string;
  kind: GroupKind;
  capacity: string;
  region: string;
  topic: string;
  pool: string;
}

function ClaimCard({ group, onSave, error, busy }: { group: GroupView; onSave: (f: ClaimForm) => Promise<void>; error: ApiFailure | null; busy: boolean }) {
  const [form, setForm] = useState<ClaimForm>({
    groupId: group.id,
    name: group.claimed ? group.name : '',
    kind: group.kind ?? 'small',
    capacity: String(group.claimed ? group.capacity : defaultCapacity(group.kind ?? 'small')),
    region: group.region ?? '',
    topic: group.topic ?? '',
    pool: group.pool ?? '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof ClaimForm) => (e: { detail: { value: string } }) => setForm((f) => ({ ...f, [key]: e.detail.value }));
  const save = async () => {
    const p = textProblem(form.name, '群名称', 1, 30) ?? intProblem(form.capacity, '群容量', 2, 500);
    setProblem(p);
    if (!p) await onSave(form);
  };
  return (
    <View className='card' data-testid='claim-form'>
      <Text className='section-title'>{group.claimed ? `编辑「${group.name}」` : '认领这个群'}</Text>
      <View className='tabs'>
        {GROUP_KINDS.map((k) => (
          <Text key={k} className={`tabs__item${form.kind === k ? ' is-active' : ''}`} onClick={() => setForm((f) => ({ ...f, kind: k, capacity: String(defaultCapacity(k)) }))}>
            {GROUP_KIND_LABEL[k]}
          </Text>
        ))}
      </View>
      {(
        [
          ['name', '群名称', '例如：上海分会', 30],
          ['capacity', '群容量（小群 40，微信群 200）', '200', 3],
          ['region', '地区（选填）', '上海', 20],
          ['topic', '话题（选填）', '读书', 20],
          ['pool', '活码名称（选填，同一活码里的群轮流展示）', '新人', 20],
        ] as const
      ).map(([key, label, placeholder, max]) => (
        <View key={key} className='field'>
          <Text className='field__label'>{label}</Text>
          <Input {...controlName(label)} className='field__input' value={form[key]} maxlength={max} placeholder={placeholder} onInput={set(key)} data-testid={`claim-${key}`} />
        </View>
      ))}
      {problem ? <Text className='error-note'>{problem}</Text> : null}
      {error ? <ErrorNote error={error} /> : null}
      <Button className='btn btn--primary' disabled={busy} loading={busy} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}

/** 群管理 (hosts and owners): claim groups, start PKs, watch a 活码 pool; owners upload each group's QR. */
export default function GroupAdminPage() {
  const [pool, setPool] = useState('新人');
  const [poolDraft, setPoolDraft] = useState('新人');
  const admin = useGroupAdmin(pool);
  const [editing, setEditing] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [pk, setPk] = useState<{ title: string; days: string; prize: string; metric: PkMetric }>({ title: '', days: '7', prize: '50', metric: 'checkinRate' });
  const [code, setCode] = useState({ groupId: '', image: '', day: '', time: '22:00', capacity: '200' });
  const [problem, setProblem] = useState<string | null>(null);
  useDidShow(() => void admin.groups.reload());
  const all = admin.groups.data?.all ?? [];
  const claimed = all.filter((g) => g.claimed);
  const isOwner = admin.me.data?.role === 'owner';

  const onClaim = async (f: ClaimForm) => {
    const done = await admin.claim.submit({
      groupId: f.groupId,
      name: f.name.trim(),
      kind: f.kind,
      capacity: Number(f.capacity),
      ...(f.region.trim() ? { region: f.region.trim() } : {}),
      ...(f.topic.trim() ? { topic: f.topic.trim() } : {}),
      ...(f.pool.trim() ? { pool: f.pool.trim() } : {}),
    });
    if (done) {
      setEditing(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    }
  };
  const onStartPk = async () => {
    const p = textProblem(pk.title, 'PK 名称', 1, 30) ?? (picked.length < 2 || picked.length > 8 ? '请选择 2–8 个群' : null) ?? intProblem(pk.days, 'PK 天数', 1, 30) ?? intProblem(pk.prize, '获胜奖励积分', 0, 10000);
    setProblem(p);
    if (p) return;
    if (await admin.pk.submit({ title: pk.title.trim(), groupIds: picked, days: Number(pk.days), prize: Number(pk.prize), metric: pk.metric })) {
      setPicked([]);
      void Taro.showToast({ title: 'PK 已开始', icon: 'success' });
    }
  };
  const onUpload = async () => {
    try {
      const image = await admin.uploadQr();
      if (image) setCode((c) => ({ ...c, image }));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : '图片上传失败，请稍后再试');
    }
  };
  const onSetCode = async () => {
    const expiresAt = instantInCommunity(code.day.trim(), code.time.trim());
    const p = !code.groupId ? '请选择一个群' : !code.image ? '请上传群二维码图片' : !expiresAt ? '日期写成 2026-12-01，时间写成 22:00' : intProblem(code.capacity, '扫码入群人数', 1, 500);
    setProblem(p);
    if (p || !expiresAt) return;
    if (await admin.code.submit({ groupId: code.groupId, image: code.image, expiresAt, capacity: Number(code.capacity), pool })) void Taro.showToast({ title: '二维码已更新', icon: 'success' });
  };

  return (
    <View className='page'>
      {admin.groups.error ? <ErrorNote error={admin.groups.error} onRetry={() => void admin.groups.reload()} /> : null}
      <View className='card'>
        <Text className='section-title'>所有群</Text>
        <Text className='muted'>成员从群聊卡片进入小程序后，群才会出现在这里；先从群里进入一次，再认领。</Text>
        {all.length === 0 && admin.groups.data ? <Text className='muted'>还没有识别到任何群。</Text> : null}
        {all.map((g) => (
          <View key={g.id} className='link-row' data-testid='admin-group'>
            <View className='member-list__main'>
              <Text className='member-list__name'>{g.name}</Text>
              <Text className='member-list__meta'>
                {g.kind ? GROUP_KIND_LABEL[g.kind] : '未认领'} · 已加入 {g.joined}/{g.capacity}
                {g.pool ? ` · 活码「${g.pool}」` : ''}
              </Text>
            </View>
            <View>
              <Button className='btn btn--small btn--ghost' aria-label={`${g.claimed ? '编辑' : '认领'}${g.name}`} onClick={() => setEditing(editing === g.id ? null : g.id)}>
                {g.claimed ? '编辑' : '认领'}
              </Button>
              {g.claimed ? (
                <Button className='btn btn--small btn--ghost' aria-label={`${g.name}的健康度`} onClick={() => void Taro.navigateTo({ url: `/subpackages/host/group-health/index?id=${encodeURIComponent(g.id)}` })}>
                  健康
                </Button>
              ) : null}
            </View>
          </View>
        ))}
      </View>
      {all.filter((g) => g.id === editing).map((g) => (
        <ClaimCard key={g.id} group={g} onSave={onClaim} error={admin.claim.error} busy={admin.claim.submitting} />
      ))}

      <View className='card'>
        <Text className='section-title'>发起群 PK</Text>
        <View className='tabs'>
          {(
            [
              ['checkinRate', '比签到率'],
              ['newMembers', '比新激活成员'],
              ['lessonRate', '比听课率'],
            ] as const
          ).map(([m, label]) => (
            <Text key={m} className={`tabs__item${pk.metric === m ? ' is-active' : ''}`} onClick={() => setPk((p) => ({ ...p, metric: m }))}>
              {label}
            </Text>
          ))}
        </View>
        <Text className='muted'>结束后获胜群里 PK 开始前就在群里的成员每人得奖励积分，并列平分。</Text>
        <View className='field'>
          <Text className='field__label'>PK 名称</Text>
          <Input {...controlName('PK 名称')} className='field__input' value={pk.title} maxlength={30} placeholder='例如：十二月签到 PK' onInput={(e) => setPk((p) => ({ ...p, title: e.detail.value }))} data-testid='pk-title' />
        </View>
        <Text className='field__label'>参赛的群（2–8 个）</Text>
        {claimed.map((g) => (
          <View key={g.id} className='form-row' role='checkbox' aria-checked={picked.includes(g.id)} aria-label={`选择${g.name}`} onClick={() => setPicked((p) => (p.includes(g.id) ? p.filter((x) => x !== g.id) : [...p, g.id]))}>
            <Text>{g.name}</Text>
            <Text>{picked.includes(g.id) ? '✓ 已选' : '未选'}</Text>
          </View>
        ))}
        <View className='form-row'>
          <Text>天数（1–30）</Text>
          <Input {...controlName('PK 天数')} className='form-row__input' type='number' value={pk.days} onInput={(e) => setPk((p) => ({ ...p, days: e.detail.value }))} />
        </View>
        <View className='form-row'>
          <Text>获胜奖励（每人积分）</Text>
          <Input {...controlName('获胜奖励（每人积分）')} className='form-row__input' type='number' value={pk.prize} onInput={(e) => setPk((p) => ({ ...p, prize: e.detail.value }))} />
        </View>
        {admin.pk.error ? <ErrorNote error={admin.pk.error} /> : null}
        <Button className='btn btn--primary' disabled={admin.pk.submitting} onClick={() => void onStartPk()}>
          开始 PK
        </Button>
      </View>
      {(admin.pks.data?.pks ?? []).map((p) => (
        <PkCard key={p.id} pk={p} />
      ))}

      <View className='card'>
        <Text className='section-title'>活码</Text>
        <View className='form-row'>
          <Text>活码名称</Text>
          <Input {...controlName('活码名称')} className='form-row__input' value={poolDraft} maxlength={20} onInput={(e) => setPoolDraft(e.detail.value)} onBlur={() => setPool(poolDraft.trim())} />
        </View>
        <Text className='muted'>入群页总是展示这个活码里第一个未满且未过期的群，可分享给新人或做成海报。</Text>
        <Button className='btn btn--ghost' disabled={!pool} onClick={() => void Taro.navigateTo({ url: `/subpackages/member/group-join/index?pool=${encodeURIComponent(pool)}&channel=admin` })}>
          打开入群页
        </Button>
        {(admin.codes.data?.warnings ?? []).map((w) => (
          <Text key={w} className='error-note'>
            {w}
          </Text>
        ))}
        {(admin.codes.data?.codes ?? []).map((c) => (
          <View key={c.groupId} className='figure-row' data-testid='pool-code'>
            <Text>
              {c.groupName} · {c.full ? '已满' : c.expired ? '已过期' : '可用'}
            </Text>
            <Text className='figure-row__value'>
              {c.filled}/{c.capacity} 人 · 浏览 {c.views.reduce((s, v) => s + v.views, 0)} · {showMonthDayTime(c.expiresAt)} 到期
            </Text>
          </View>
        ))}
        {isOwner ? (
          <View>
            <Text className='field__label'>上传群二维码（群主）</Text>
            {claimed.map((g) => (
              <View key={g.id} className='form-row' role='radio' aria-checked={code.groupId === g.id} aria-label={`为${g.name}上传`} onClick={() => setCode((c) => ({ ...c, groupId: g.id }))}>
                <Text>{g.name}</Text>
                <Text>{code.groupId === g.id ? '✓' : ''}</Text>
              </View>
            ))}
            <Button className='btn btn--ghost' onClick={() => void onUpload()}>
              {code.image ? '重新选择二维码图片' : '选择二维码图片'}
            </Button>
            {code.image ? <Image className='poster' src={code.image} mode='widthFix' /> : null}
            <View className='form-row'>
              <Text>到期日期（微信群码 7 天有效）</Text>
              <Input {...controlName('到期日期')} className='form-row__input' value={code.day} placeholder='2026-12-15' onInput={(e) => setCode((c) => ({ ...c, day: e.detail.value }))} />
            </View>
            <View className='form-row'>
              <Text>到期时间</Text>
              <Input {...controlName('到期时间')} className='form-row__input' value={code.time} onInput={(e) => setCode((c) => ({ ...c, time: e.detail.value }))} />
            </View>
            <View className='form-row'>
              <Text>扫码入群人数上限</Text>
              <Input {...controlName('扫码入群人数上限')} className='form-row__input' type='number' value={code.capacity} onInput={(e) => setCode((c) => ({ ...c, capacity: e.detail.value }))} />
            </View>
            {admin.code.error ? <ErrorNote error={admin.code.error} /> : null}
            <Button className='btn btn--primary' disabled={admin.code.submitting} onClick={() => void onSetCode()}>
              保存二维码
            </Button>
          </View>
        ) : null}
      </View>
      {problem ? <Text className='error-note'>{problem}</Text> : null}
    </View>
  );
}
