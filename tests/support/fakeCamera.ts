/**
 * A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video of a document page
 * (an A4 form with Vietnamese text at several sizes and a red seal), drawn by Chromium itself on
 * a canvas so the text is real rendered Vietnamese.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launchBrowser } from './browser';

export const FAKE_CAMERA_W = 1280;
export const FAKE_CAMERA_H = 720;

/** Draws the page in a browser canvas; returns RGBA pixels. */
export async function renderDocumentPage(width: number, height: number): Promise<Uint8Array> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const b64 = await page.evaluate(
      ({ w, h }) => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h;
        const g = c.getContext('2d')!;
        g.fillStyle = '#6b6b6b';
        g.fillRect(0, 0, w, h); // the desk
        const pw = Math.round((h * 0.95) / 1.414),
          px = Math.round((w - pw) / 2),
          py = Math.round(h * 0.025),
          ph = Math.round(h * 0.95);
        g.fillStyle = '#fbfaf5';
        g.fillRect(px, py, pw, ph);
        g.fillStyle = '#111';
        const line = (text: string, size: number, y: number, bold = false, center = true) => {
          g.font = `${bold ? 'bold ' : ''}${size}px serif`;
          const x = center ? px + (pw - g.measureText(text).width) / 2 : px + pw * 0.08;
          g.fillText(text, x, py + y);
        };
        const u = ph / 100;
        line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 2.6 * u, 6 * u, true);
        line('Độc lập - Tự do - Hạnh phúc', 2.4 * u, 9.5 * u, true);
        line('TỜ KHAI ĐĂNG KÝ KHAI SINH', 3.4 * u, 16 * u, true);
        const body = [
          'Kính gửi: Ủy ban nhân dân xã Hòa Bình, tỉnh Hưng Yên',
          'Họ, chữ đệm, tên người yêu cầu: NGUYỄN THỊ ĐÀO',
          'Nơi cư trú: Thôn Đông, xã Hòa Bình, tỉnh Hưng Yên',
          'Giấy tờ tùy thân: CCCD số 001190012345, cấp ngày 12/05/2021',
          'Quan hệ với người được đăng ký khai sinh: mẹ',
          'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
          'Họ, chữ đệm, tên: TRẦN MINH KHÔI   Giới tính: Nam',
          'Ngày, tháng, năm sinh: 03/02/2026 (ghi bằng chữ: ngày ba tháng hai năm hai nghìn không trăm hai mươi sáu)',
          'Nơi sinh: Trạm y tế xã Hòa Bình   Dân tộc: Kinh   Quốc tịch: Việt Nam',
          'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật.',
        ];
        body.forEach((t, i) => line(t, 1.7 * u, (23 + i * 4.2) * u, false, false));
        line('Làm tại: xã Hòa Bình, ngày 02 tháng 3 năm 2026', 1.7 * u, 70 * u, false, false);
        g.strokeStyle = '#c8102e';
        g.lineWidth = 0.5 * u;
        g.beginPath();
        g.arc(px + pw * 0.72, py + 82 * u, 7 * u, 0, Math.PI * 2);
        g.stroke();
        g.fillStyle = '#c8102e';
        line('ỦY BAN NHÂN DÂN', 1.2 * u, 82 * u, true, false);
        const data = g.getImageData(0, 0, w, h).data;
        let s = '';
        for (let i = 0; i < data.length; i += 32_768) s += String.fromCharCode(...data.subarray(i, i + 32_768));
        return btoa(s);
      },
      { w: width, h: height },
    );
    return Uint8Array.from(Buffer.from(b64, 'base64'));
  } finally {
    await browser.close();
  }
}

/** Writes a Y4M (4:2:0) of the document page and returns its path. */
export async function documentCameraFile(): Promise<string> {
  const w = FAKE_CAMERA_W,
    h = FAKE_CAMERA_H;
  const rgba = await renderDocumentPage(w, h);
  const y = new Uint8Array(w * h),
    u = new Uint8Array((w / 2) * (h / 2)),
    v = new Uint8Array((w / 2) * (h / 2));
  const at = (x: number, yy: number) => {
    const i = (yy * w + x) * 4;
    return [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!] as const;
  };
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      const [r, g, b] = at(i, j);
      y[j * w + i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  for (let j = 0; j < h / 2; j++)
    for (let i = 0; i < w / 2; i++) {
      let r = 0,
        g = 0,
        b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = at(2 * i + dx, 2 * j + dy);
        r += p[0];
        g += p[1];
        b += p[2];
      }
      r /= 4;
      g /= 4;
      b /= 4;
      u[j * (w / 2) + i] = Math.max(0, Math.min(255, Math.round(-0.169 * r - 0.331 * g + 0.5 * b + 128)));
      v[j * (w / 2) + i] = Math.max(0, Math.min(255, Math.round(0.5 * r - 0.419 * g - 0.081 * b + 128)));
    }
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  const path = join(mkdtempSync(join(tmpdir(), 'motcua-camera-')), 'document.y4m');
  writeFileSync(path, Buffer.concat([header, frame, frame]));
  return path;
}

export const fakeCameraArgs = (file: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];
