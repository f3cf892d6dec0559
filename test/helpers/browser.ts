/**
 * Debian's chromium driven by playwright-core (no browser download): headless, without the sandbox
 * when running as root (CI), which chromium refuses otherwise.
 */
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser (): Promise<Browser> {
  return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] })
}

/**
 * How many distinct colours a PNG has, decoded by the browser itself on a blank page: a blank or
 * failed render has one or two, a page with text, tables and charts has hundreds.
 */
export async function distinctColours (browser: Browser, png: Buffer): Promise<number> {
  const page: Page = await browser.newPage()
  try {
    // a string: this runs in the page, where the DOM is (the test's own types have none)
    return await page.evaluate<number>(`(async () => {
      const img = new Image()
      img.src = 'data:image/png;base64,${png.toString('base64')}'
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.width
      canvas.height = img.height
      const ctx = canvas.getContext('2d')
      ctx.drawImage(img, 0, 0)
      const data = ctx.getImageData(0, 0, img.width, img.height).data
      const seen = new Set()
      for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
      return seen.size
    })()`)
  } finally {
    await page.close()
  }
}
