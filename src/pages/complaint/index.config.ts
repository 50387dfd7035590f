export default definePageConfig({
  navigationBarTitleText: '反映欠薪问题'
})
