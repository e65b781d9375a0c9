import { Button, Text, View } from '@tarojs/components';
import type { AdjustmentState } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { usePointsAdmin } from '../../../hooks/usePointsAdmin';
import { showDateTime as when } from '../../../services/time';

const CHECK_LABEL: Record<string, string> = {
  balance_vs_entries: '余额 ≠ 流水合计',
  balance_vs_lots: '余额 ≠ 未过期批次合计',
  negative_balance: '余额为负',
  negative_lot: '批次余量为负',
  duplicate_entry: '流水编号重复',
};

const ADJUSTMENT_STATE: Record<AdjustmentState, string> = { applied: '已到账', pending: '待审批', approved: '已批准', rejected: '已驳回' };

/** 积分审计 (owner): ledger audit, incentive liability by month, expiry on demand, pending adjustments to approve and the adjustment log. */
export default function OwnerPointsPage() {
  const admin = usePointsAdmin();
  const liability = admin.liability.data;
  return (
    <View className='page'>
      {admin.error ? <ErrorNote error={admin.error} /> : null}
      <View className='card'>
        <Text className='section-title'>账户审计</Text>
        <Text className='muted'>逐个核对：余额 = 全部流水之和 ≥ 0，余额 = 未过期批次余量之和，流水编号唯一。</Text>
        <Button className='btn btn--primary' loading={admin.busy === 'audit'} disabled={admin.busy !== null} onClick={() => void admin.runAudit()}>
          开始审计
        </Button>
        {admin.audit ? (
          <View data-testid='audit-result'>
            <View className='figure-row'>
              <Text>核对账户</Text>
              <Text className='figure-row__value'>{admin.audit.checkedAccounts}</Text>
            </View>
            <View className='figure-row'>
              <Text>核对流水</Text>
              <Text className='figure-row__value'>{admin.audit.checkedEntries}</Text>
            </View>
            <View className='figure-row'>
              <Text>待过期处理</Text>
              <Text className='figure-row__value'>{admin.audit.pendingExpiry}</Text>
            </View>
            {admin.audit.mismatches.length === 0 ? (
              <Text className='ok-note'>全部一致，未发现异常</Text>
            ) : (
              admin.audit.mismatches.map((m) => (
                <View key={`${m.memberId}:${m.check}`} className='figure-row'>
                  <Text>{CHECK_LABEL[m.check] ?? m.check}</Text>
                  <Text className='figure-row__value'>
                    {m.memberId}：应为 {m.expected}，实为 {m.actual}
                  </Text>
                </View>
              ))
            )}
          </View>
        ) : null}
      </View>
      <View className='card'>
        <Text className='section-title'>积分负债</Text>
        {liability ? (
          <View>
            <View className='figure-row'>
              <Text>流通中积分</Text>
              <Text className='figure-row__value' data-testid='outstanding'>
                {liability.outstanding}
              </Text>
            </View>
            <View className='figure-row'>
              <Text className='muted'>月份</Text>
              <Text className='muted'>发放 / 使用 / 过期</Text>
            </View>
            {liability.months.map((m) => (
              <View key={m.month} className='figure-row'>
                <Text>{m.month}</Text>
                <Text className='figure-row__value'>
                  {m.issued} / {m.redeemed} / {m.expired}
                </Text>
              </View>
            ))}
          </View>
        ) : admin.liability.error ? (
          <ErrorNote error={admin.liability.error} onRetry={() => void admin.liability.reload()} />
        ) : (
          <Text className='muted'>加载中…</Text>
        )}
        <Button className='btn btn--ghost' loading={admin.busy === 'expiry'} disabled={admin.busy !== null} onClick={() => void admin.runExpiry()}>
          立即执行过期处理
        </Button>
        {admin.expiry ? (
          <Text className='muted'>
            本次过期 {admin.expiry.points} 积分，涉及 {admin.expiry.accounts} 个账户（定时任务每小时自动执行）
          </Text>
        ) : null}
      </View>
      <View className='card'>
        <Text className='section-title'>待审批的积分调整</Text>
        {admin.pending.items.length === 0 && !admin.pending.loading ? <Text className='muted'>没有待审批的调整。</Text> : null}
        {admin.reviewError ? <ErrorNote error={admin.reviewError} /> : null}
        {admin.pending.items.map((a) => (
          <View key={a.id} className='ledger__row' data-testid='pending-adjustment-row'>
            <View className='ledger__main'>
              <Text className='ledger__reason'>
                {a.byName} → {a.memberName}：{a.delta > 0 ? `+${a.delta}` : a.delta}
              </Text>
              <Text className='ledger__note'>原因：{a.reason}</Text>
              <Text className='ledger__meta'>{when(a.createdAt)} · 超出讲师当日额度</Text>
            </View>
            <Button className='btn btn--small btn--primary' disabled={admin.reviewing} onClick={() => void admin.review(a.id, 'approve')} data-testid='approve-adjustment'>
              批准
            </Button>
            <Button className='btn btn--small btn--ghost' disabled={admin.reviewing} onClick={() => void admin.review(a.id, 'reject')} data-testid='reject-adjustment'>
              驳回
            </Button>
          </View>
        ))}
        {admin.pending.hasMore ? (
          <Button className='btn btn--ghost' loading={admin.pending.loading} onClick={() => void admin.pending.more()}>
            加载更多
          </Button>
        ) : null}
      </View>
      <View className='card'>
        <Text className='section-title'>人工调整记录</Text>
        {admin.adjustments.items.length === 0 && !admin.adjustments.loading ? <Text className='muted'>还没有人工调整。</Text> : null}
        {admin.adjustments.items.map((a) => (
          <View key={a.id} className='ledger__row' data-testid='adjustment-row'>
            <View className='ledger__main'>
              <Text className='ledger__reason'>
                {a.byName} → {a.memberName}
              </Text>
              <Text className='ledger__note'>原因：{a.reason}</Text>
              <Text className='ledger__meta'>
                {when(a.createdAt)} · {ADJUSTMENT_STATE[a.state]}
                {a.reviewedByName ? `（${a.reviewedByName}）` : ''}
              </Text>
            </View>
            <Text className={`ledger__delta ${a.delta > 0 ? 'is-credit' : 'is-debit'}`}>{a.delta > 0 ? `+${a.delta}` : a.delta}</Text>
          </View>
        ))}
        {admin.adjustments.hasMore ? (
          <Button className='btn btn--ghost' loading={admin.adjustments.loading} onClick={() => void admin.adjustments.more()}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  );
}
