// The symbol builder of the qrcode package without its PNG, SVG and terminal renderers (which
// its main entry loads): the Acta draws the modules itself. Same `create` as `qrcode`'s.
declare module 'qrcode/lib/core/qrcode.js' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string, options?: QRCodeOptions): QRCode;
}
