// www/tools.js imports the build's copy of npm qrcode-generator (vendor/qrcode.mjs); its types are the package's.
import qrcode from 'qrcode-generator';
export default qrcode;
