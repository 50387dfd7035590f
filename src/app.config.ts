export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/about/index',
    'pages/workbench/index',
    'pages/worker/index'
  ],
  subPackages: [
    {
      root: 'report',
      pages: ['pages/district/index']
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
