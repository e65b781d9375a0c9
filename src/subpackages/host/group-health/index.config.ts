export default definePageConfig({ navigationBarTitleText: '群健康度' });
