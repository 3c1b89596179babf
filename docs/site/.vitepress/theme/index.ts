// The default VitePress theme, with wider pages: code and reports are up to 120 characters wide.
import DefaultTheme from 'vitepress/theme';
import './custom.css';

export default DefaultTheme;
