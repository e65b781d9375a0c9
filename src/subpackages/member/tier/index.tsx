import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { useBuyVip, useTierStatus, useVipReminder } from '../../../hooks/useTier';
import { showDateWords } from '../../../services/time';
import '../../../components/tier.css';

/** The last community day of a VIP that ends at `iso` (an end instant is exclusive). */
function shortDate(iso: string): string {
  return showDateWords(Date.parse(iso) - 1);
}

/** 会员等级: tier and badge, growth, progress to the next tier, keep-tier preview, benefits of each tier, paid-VIP status. */
export default function TierPage() {
  const status = useTierStatus();
  const reminder = useVipReminder();
  const buying = useBuyVip();
  useDidShow(() => {
    void status.reload();
  });
  const s = status.data;

  const subscribe = async () => {
    const done = await reminder.subscribe(s?.vip.templateId);
    if (done) {
      void Taro.showToast({ title: '到期前会提醒你', icon: 'success' });
      await status.reload();
    }
  };

  const buy = async (planId: string) => {
    const done = await buying.buy(planId);
    if (done) {
      void Taro.showToast({ title: '支付成功', icon: 'success' });
      await status.reload();
    }
  };

  return (
    <View className='page'>
      {status.error ? <ErrorNote error={status.error} onRetry={() => void status.reload()} /> : null}
      {!s && status.loading ? <Text className='muted'>正在加载…</Text> : null}
      {s ? (
        <View>
          <View className='card tier-head'>
            <Text className='tier-head__badge'>{s.tier.badge}</Text>
            <Text className='tier-head__name' data-testid='tier-name'>
              {s.tier.name}会员
            </Text>
            <Text className='muted'>
              成长值 <Text data-testid='tier-growth'>{s.growth}</Text>（近 {s.windowDays} 天获得的积分）
            </Text>
            {s.next ? (
              <View>
                <View className='tier-bar'>
                  <View className='tier-bar__fill' style={{ width: `${Math.round(s.progress * 100)}%` }} />
                </View>
                <Text className='muted' data-testid='tier-next'>
                  再获得 {s.next.need} 成长值升级{s.next.name}
                </Text>
              </View>
            ) : (
              <Text className='muted'>已是最高等级</Text>
            )}
            {s.preview ? (
              <Text className={`tier-keep${s.preview.need > 0 ? '' : ' is-safe'}`} data-testid='keep-tier'>
                {s.preview.text}
              </Text>
            ) : null}
            {s.benefits.key !== s.tier.key ? <Text className='muted'>付费会员期间享受{s.benefits.name}权益</Text> : null}
          </View>

          <View className='card'>
            <Text className='section-title'>付费会员</Text>
            {s.vip.active && s.vip.until ? (
              <View>
                <Text className='vip-card__until' data-testid='vip-until'>
                  {shortDate(s.vip.until)} 到期
                </Text>
                <Text className='muted tier-block'>还剩 {s.vip.daysLeft} 天{s.vip.floorTierName ? `，期间至少享受${s.vip.floorTierName}权益` : ''}</Text>
              </View>
            ) : (
              <Text className='muted' data-testid='vip-none'>
                你还不是付费会员{s.vip.floorTierName ? `，开通后至少享受${s.vip.floorTierName}权益` : ''}
              </Text>
            )}
            {s.vip.plans.map((p) => (
              <Button key={p.id} className='btn btn--primary' loading={buying.submitting} disabled={buying.submitting} onClick={() => void buy(p.id)}>
                {`微信支付${s.vip.active ? '续费' : '开通'}${p.name}（${p.days} 天）¥${(p.priceFen / 100).toFixed(2)}`}
              </Button>
            ))}
            {buying.error ? <ErrorNote error={buying.error} /> : null}
            <Button className='btn' onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>
              用积分兑换会员天数
            </Button>
            <Text className='muted'>也可以联系群主线下开通或续费。</Text>
            {s.vip.active ? (
              <View>
                <Button className='btn btn--ghost' loading={reminder.submitting} onClick={() => void subscribe()}>
                  到期前提醒我
                </Button>
                <Text className='muted'>可接收 {s.vip.reminderQuota} 次到期提醒（到期前 7 天和 1 天各一次）</Text>
              </View>
            ) : null}
            {reminder.error ? <ErrorNote error={reminder.error} /> : null}
          </View>

          <View className='card'>
            <Text className='section-title'>等级权益</Text>
            {s.tiers.map((t) => (
              <View key={t.key} className={`tier-row${t.key === s.tier.key ? ' is-current' : ''}`} data-testid='tier-row'>
                <Text>
                  <Text className='tier-mark'>{t.badge}</Text>
                  {t.name}
                </Text>
                <Text>成长值 ≥ {t.threshold}</Text>
                <Text>签到、听课积分 ×{t.multiplier}</Text>
              </View>
            ))}
            <Text className='muted'>等级越高，可兑换的专属商品越多。升级即时生效；成长值不足时先进入保级期，保级期后每月 1 日评定，每次最多降一级。</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
