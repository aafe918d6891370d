/**
 * USB vendor and product names of the USB-serial adapters people use as a console cable, so the connect screen
 * can say "FTDI FT232" rather than "0403:6001" when the system gives no name.
 *
 * Source: the USB ID repository (linux-usb.org usb.ids) as kept in vcrhonek/hwdata `usb.ids`, version 2026.06.26
 * (commit d1f6971). Only the vendors and products below are copied.
 */
export const USB_SERIAL_VENDORS: Readonly<Record<string, { name: string; products: Readonly<Record<string, string>> }>> = {
  '0403': {
    name: 'Future Technology Devices International, Ltd',
    products: {
      '6001': 'FT232 Serial (UART) IC',
      '6010': 'FT2232C/D/H Dual UART/FIFO IC',
      '6011': 'FT4232H Quad HS USB-UART/FIFO IC',
      '6014': 'FT232H Single HS USB-UART/FIFO IC',
      '6015': 'Bridge(I2C/SPI/UART/FIFO)',
    },
  },
  '067b': { name: 'Prolific Technology, Inc.', products: { '2303': 'PL2303 Serial Port / Mobile Phone Data Cable', '23a3': 'ATEN Serial Bridge', aaa3: 'PL2303x Serial Adapter' } },
  '10c4': { name: 'Silicon Labs', products: { ea60: 'CP210x UART Bridge', ea70: 'CP2105 Dual UART Bridge', ea71: 'CP2108 Quad UART Bridge' } },
  '1a86': { name: 'QinHeng Electronics', products: { '7523': 'CH340 serial converter', '7522': 'CH340 serial converter', '5523': 'CH341 in serial mode, usb to serial port converter' } },
  '0557': { name: 'ATEN International Co., Ltd', products: { '2008': 'UC-232A Serial Port [pl2303]' } },
  '04bb': { name: 'I-O Data Device, Inc.', products: { '0a03': 'Serial USB-RSAQ1' } },
  '0499': { name: 'Yamaha Corp.', products: {} },
};

/** The names usb.ids gives a USB vendor:product pair (hex, any case), as far as the table above knows them. */
export function usbNames(vendorId: string | undefined, productId: string | undefined): { vendor?: string; product?: string } {
  const v = vendorId ? USB_SERIAL_VENDORS[vendorId.toLowerCase()] : undefined;
  if (!v) return {};
  const product = productId ? v.products[productId.toLowerCase()] : undefined;
  return { vendor: v.name, ...(product ? { product } : {}) };
}
