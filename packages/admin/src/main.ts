import 'element-plus/dist/index.css';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { session } from './api/client';
import { makeI18n } from './i18n';
import { makeRouter } from './router';

const i18n = makeI18n();
session.locale = i18n.global.locale.value;
const pinia = createPinia();
const app = createApp(App);
app.use(pinia);
app.use(i18n);
app.use(ElementPlus);
app.use(makeRouter(pinia));
app.mount('#app');
