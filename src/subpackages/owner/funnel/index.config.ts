export default definePageConfig({
  navigationBarTitleText: '数据看板',
  ...(process.env.TARO_ENV === 'weapp' ? { usingComponents: { 'qy-chart': '../components/qy-chart/index' } } : {}),
});
