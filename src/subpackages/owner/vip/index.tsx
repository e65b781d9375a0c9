import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { MemberPicker } from '../../../components/MemberPicker';
import { useGrantVip, useVipOverview } from '../../../hooks/useTier';
import { showDateWords } from '../../../services/time';
import '../../../components/tier.css';
import { controlName } from '../../../components/a11y';

/** The last community day of a VIP that ends at `iso` (an end instant is exclusive). */
function day(iso: string): string {
  return showDateWords(Date.parse(iso) - 1, false);
}

/** 会员与续费 (owner): tier distribution, VIPs expiring in 30 days, renewal rate by month, who the next evaluation lowers, and the grant form. */
export default function OwnerVipPage() {
  const router = useRouter();
  const overview = useVipOverview();
  const granting = useGrantVip();
  const [memberId, setMemberId] = useState(router.params.memberId ?? '');
  const [who, setWho] = useState(router.params.name ? decodeURIComponent(router.params.name) : '');
  const [days, setDays] = useState('365');
  const [note, setNote] = useState('');
  const o = overview.data;

  const submit = async () => {
    const n = Number(days);
    const done = await granting.grant(memberId.trim(), Number.isInteger(n) ? n : 0, note.trim());
    if (done) {
      void Taro.showToast({ title: `已开通至 ${day(done.vipUntil)}`, icon: 'success' });
      setNote('');
      await overview.reload();
    }
  };

  return (
    <View className='page'>
      {overview.error ? <ErrorNote error={overview.error} onRetry={() => void overview.reload()} /> : null}
      {o ? (
        <View>
          <View className='card'>
            <Text className='section-title'>等级分布</Text>
            {o.distribution.map((d) => (
              <View key={d.tier} className='figure-row' data-testid='tier-count'>
                <Text>
                  {d.badge} {d.name}
                </Text>
                <Text className='figure-row__value'>{d.count} 人</Text>
              </View>
            ))}
            <Text className='muted'>
              共 {o.members} 人，付费会员 {o.vips} 人
            </Text>
          </View>
          <View className='card'>
            <Text className='section-title'>30 天内到期的付费会员</Text>
            {o.expiring.length === 0 ? <Text className='muted'>暂无</Text> : null}
            {o.expiring.map((e) => (
              <View
                key={e.memberId}
                className='figure-row'
                onClick={() => {
                  setMemberId(e.memberId);
                  setWho(e.nickname);
                }}
              >
                <Text>{e.nickname}</Text>
                <Text className='figure-row__value'>
                  {day(e.vipUntil)} 到期 · 剩 {e.daysLeft} 天 · 续费 ›
                </Text>
              </View>
            ))}
          </View>
          <View className='card'>
            <Text className='section-title'>续费率（按到期月份：续费 ÷ 到期）</Text>
            {o.renewal.length === 0 ? <Text className='muted'>还没有到期记录</Text> : null}
            {o.renewal.map((r) => (
              <View key={r.month} className='figure-row'>
                <Text>{r.month}</Text>
                <Text className='figure-row__value'>
                  {r.renewed} / {r.due}
                  {r.rate === null ? '' : ` · ${Math.round(r.rate * 100)}%`}
                </Text>
              </View>
            ))}
          </View>
          <View className='card'>
            <Text className='section-title'>{o.nextEvaluation} 评定将降级</Text>
            {o.wouldDowngrade.length === 0 ? <Text className='muted'>暂无</Text> : null}
            {o.wouldDowngrade.map((d) => (
              <View key={d.memberId} className='figure-row'>
                <Text>{d.nickname}</Text>
                <Text className='figure-row__value'>
                  {d.tierName} → {d.toName} · 成长值 {d.growth}/{d.threshold}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className='card'>
        <Text className='section-title'>开通 / 续费付费会员（线下收款）</Text>
        <MemberPicker
          label='会员'
          picked={who ? { nickname: who } : null}
          onPick={(m) => {
            setMemberId(m.id);
            setWho(m.nickname);
          }}
        />
        <View className='field'>
          <Text className='field__label'>天数（1–3650）</Text>
          <Input {...controlName('天数')} className='field__input' type='number' value={days} onInput={(e) => setDays(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>备注（收款方式、金额）</Text>
          <Input {...controlName('备注')} className='field__input' value={note} maxlength={100} onInput={(e) => setNote(e.detail.value)} placeholder='如：微信转账 199 元' />
        </View>
        {granting.error ? <ErrorNote error={granting.error} /> : null}
        <Button className='btn btn--primary' loading={granting.submitting} disabled={granting.submitting || !memberId.trim() || !note.trim()} onClick={() => void submit()}>
          确认开通
        </Button>
      </View>
    </View>
  );
}
