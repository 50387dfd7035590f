/**
 * wx.* APIs the compiled pages call, on top of the mp-shim basics: UI feedback, navigation, storage info, network
 * events, and wx.cloud.callFunction answered by a test-provided ledger.
 */
function mpWx ({ ledger, calls }) {
  const ok = (name, extra) => (opts = {}) => {
    calls.push([name, opts])
    const res = Object.assign({ errMsg: `${name}:ok` }, typeof extra === 'function' ? extra(opts) : extra)
    setTimeout(() => { opts.success && opts.success(res); opts.complete && opts.complete(res) }, 0)
    return undefined
  }
  return {
    showToast: ok('showToast'),
    showModal: ok('showModal', { confirm: true, cancel: false }),
    showLoading: ok('showLoading'),
    hideLoading: ok('hideLoading'),
    redirectTo: ok('redirectTo'),
    navigateBack: ok('navigateBack'),
    stopPullDownRefresh: ok('stopPullDownRefresh'),
    getStorageInfoSync: () => ({ keys: [], currentSize: 10, limitSize: 10240 }),
    removeStorageSync: () => undefined,
    onNetworkStatusChange: () => undefined,
    offNetworkStatusChange: () => undefined,
    getNetworkType: ok('getNetworkType', { networkType: 'wifi' }),
    cloud: {
      init: () => undefined,
      callFunction: (opts) => {
        calls.push(['callFunction', opts])
        const p = Promise.resolve().then(() => ledger(opts.data.action, opts.data.data)).then((data) => ({ errMsg: 'cloud.callFunction:ok', result: data }))
        if (opts.success || opts.fail) p.then((r) => opts.success && opts.success(r), (e) => opts.fail && opts.fail(e))
        return p
      }
    }
  }
}

module.exports = { mpWx }
