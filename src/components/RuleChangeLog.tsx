import { Button, Text, View } from '@tarojs/components';
import type { SettingsLogEntry } from '../../types/api';
import { RULE_SECTION_LABEL, describeLogEntry } from '../core/ruleChanges';
import type { usePaged } from '../hooks/usePaged';
import { showDateTime } from '../services/time';
import { ErrorNote } from './ErrorNote';
import './ui.css';

/** The owner's rule change log (every section): when, who, which rules, and each changed value old → new. */
export function RuleChangeLog({ log }: { log: ReturnType<typeof usePaged<SettingsLogEntry>> }) {
  return (
    <View className='card'>
      <Text className='section-title'>修改记录</Text>
      {log.error ? <ErrorNote error={log.error} onRetry={() => void log.refresh()} /> : null}
      {log.items.map((entry) => (
        <View key={entry.id} className='log-entry' data-testid='settings-log'>
          <Text className='log-entry__meta'>
            {showDateTime(entry.at)} · {entry.byName} · {RULE_SECTION_LABEL[entry.section]}
          </Text>
          {describeLogEntry(entry).map((line) => (
            <Text key={line} className='log-entry__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
      {log.items.length === 0 && !log.loading ? <Text className='muted'>还没有修改过规则。</Text> : null}
      {log.hasMore ? (
        <Button className='btn btn--ghost' loading={log.loading} onClick={() => void log.more()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
