export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/about/index',
    'pages/bind/index',
    'pages/workbench/index',
    'pages/case-form/index',
    'pages/case-detail/index',
    'pages/session-form/index',
    'pages/risk-form/index',
    'pages/records/index',
    'pages/worker/index',
    'pages/complaint/index',
    'pages/my-complaints/index',
    'pages/inbox/index',
    'pages/complaint-detail/index',
    'pages/poster/index'
  ],
  subPackages: [
    {
      root: 'report',
      pages: ['pages/district/index', 'pages/station/index']
    }
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ededed',
    navigationBarTitleText: '站点台账',
    navigationBarTextStyle: 'black',
    backgroundColor: '#ededed'
  }
})
