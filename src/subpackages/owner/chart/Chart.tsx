import { View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { initOnElement, type ChartInstance, type ChartOption } from './echarts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      /** The native weapp chart component (owner subpackage, canvas type 2d). */
      'qy-chart': { option: ChartOption; height: number; 'data-testid'?: string };
    }
  }
}

let nextId = 0;

function DomChart({ option, height, testId }: { option: ChartOption; height: number; testId: string }) {
  const idRef = useRef(`qy-chart-${(nextId += 1)}`);
  const chart = useRef<ChartInstance | null>(null);
  useEffect(() => {
    const element = document.getElementById(idRef.current);
    if (!element) return undefined;
    const instance = initOnElement(element);
    chart.current = instance;
    const onResize = () => instance.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <View id={idRef.current} className='chart' style={{ height: `${height}px`, width: '100%', display: 'block' }} data-testid={testId} />;
}

/**
 * One echarts chart: the native `<qy-chart>` canvas-2d component on weapp, a DOM canvas on h5.
 * Both draw the same plain-JSON option.
 */
export function Chart({ option, height, testId }: { option: ChartOption; height: number; testId: string }) {
  if (process.env.TARO_ENV === 'weapp') return <qy-chart option={option} height={height} data-testid={testId} />;
  return <DomChart option={option} height={height} testId={testId} />;
}
