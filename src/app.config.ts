export default defineAppConfig({
  pages: ['pages/index/index', 'pages/lessons/index', 'pages/mall/index', 'pages/me/index'],
  subPackages: [
    { root: 'subpackages/member', pages: ['points/index', 'calendar/index', 'note/index', 'item/index', 'orders/index', 'campaigns/index', 'campaign/index', 'lesson/index', 'invite/index', 'activity/index', 'week/index', 'tier/index', 'support/index', 'support-item/index', 'post/index', 'join/index', 'onboarding/index', 'intros/index', 'groups/index', 'group/index', 'group-join/index', 'topic-new/index'] },
    { root: 'subpackages/host', pages: ['members/index', 'member/index', 'adjust/index', 'orders/index', 'campaign-new/index', 'review/index', 'lesson-edit/index', 'lesson-desk/index', 'activity-new/index', 'activity-desk/index', 'support/index', 'todo/index', 'post-edit/index', 'applications/index', 'newcomers/index', 'groups/index', 'group-health/index'] },
    { root: 'subpackages/owner', pages: ['members/index', 'points/index', 'rules/index', 'funnel/index', 'items/index', 'item/index', 'outbox/index', 'referrals/index', 'vip/index', 'support/index', 'sop/index', 'faq/index', 'koc/index', 'entry/index', 'packet-budget/index', 'rule-sets/index'] },
    { root: 'subpackages/games', pages: ['packets/index', 'packet/index', 'boards/index', 'lotteries/index', 'lottery/index', 'praise/index'] },
  ],
  window: {
    navigationBarTitleText: '群运',
    // 'default' is WeChat's own bar; on h5 it makes Taro draw the title bar with a back arrow.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#5c636a',
    selectedColor: '#c2410c',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/lessons/index', text: '课程', iconPath: 'assets/tab/lessons.png', selectedIconPath: 'assets/tab/lessons-active.png' },
      { pagePath: 'pages/mall/index', text: '商城', iconPath: 'assets/tab/mall.png', selectedIconPath: 'assets/tab/mall-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat refuses these APIs unless declared (商品兑换 uses 使用微信收货地址).
  requiredPrivateInfos: ['chooseAddress'],
});
