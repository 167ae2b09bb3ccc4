import type { Locale } from './config';

// One JSON file per area and language, so that each part of the app owns its
// strings. The namespace is the file name: t('editor.save') reads editor.json.
import enCommon from './messages/en/common.json';
import enEditor from './messages/en/editor.json';
import enTrain from './messages/en/train.json';
import enData from './messages/en/data.json';
import enLearn from './messages/en/learn.json';
import enLayers from './messages/en/layers.json';
import zhCommon from './messages/zh-CN/common.json';
import zhEditor from './messages/zh-CN/editor.json';
import zhTrain from './messages/zh-CN/train.json';
import zhData from './messages/zh-CN/data.json';
import zhLearn from './messages/zh-CN/learn.json';
import zhLayers from './messages/zh-CN/layers.json';

const en = { common: enCommon, editor: enEditor, train: enTrain, data: enData, learn: enLearn, layers: enLayers };
export type Messages = typeof en;

const zh: Messages = { common: zhCommon, editor: zhEditor, train: zhTrain, data: zhData, learn: zhLearn, layers: zhLayers };

export const messagesByLocale: Record<Locale, Messages> = { en, 'zh-CN': zh };
