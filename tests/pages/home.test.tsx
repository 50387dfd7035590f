import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Index from '@/pages/index/index'
import About from '@/pages/about/index'

describe('home page (Taro H5 runtime)', () => {
  it('routes each kind of user to their part', () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    render(<Index />)
    expect(screen.getByText('站点台账')).toBeTruthy()
    fireEvent.click(screen.getByText('站点工作台'))
    fireEvent.click(screen.getByText('扫码投诉'))
    fireEvent.click(screen.getByText('区级报表'))
    fireEvent.click(screen.getByText('关于与隐私'))
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual([
      '/pages/workbench/index', '/pages/worker/index', '/report/pages/district/index', '/pages/about/index'
    ])
  })

  it('the privacy page says what is collected, why and who sees it', () => {
    render(<About />)
    expect(screen.getByText('我们收集哪些个人信息、为什么')).toBeTruthy()
    expect(screen.getByText(/姓名、手机号、用人单位/)).toBeTruthy()
    expect(screen.getByText(/导出的报表只有统计数字/)).toBeTruthy()
  })
})
