package io.distillwatch.screening.eval;

import java.util.List;

/**
 * Real organisations as they write their names in Chinese, with the name under which the US lists
 * carry them (CSL, 2022 vintage). Some list names are transliterations of the Chinese (Dahua,
 * Shangtang, Feiteng), others translations or brands (Hikvision, iFlytek, Northwestern Polytechnical
 * University) that no transliteration reaches: the set measures both, it is not a tuning set.
 * Pairs whose list name is absent from the loaded lists are skipped.
 */
final class NativeScriptNames {
  /** (name in Chinese, name as listed). */
  static final List<String[]> CHINESE_LISTED = List.of(
      new String[] {"华为技术有限公司", "HUAWEI TECHNOLOGIES CO., LTD."},
      new String[] {"杭州海康威视数字技术股份有限公司", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD."},
      new String[] {"浙江大华技术股份有限公司", "Dahua Technology"},
      new String[] {"科大讯飞股份有限公司", "IFLYTEK"},
      new String[] {"北京旷视科技有限公司", "Megvii Technology"},
      new String[] {"北京市商汤科技开发有限公司", "Beijing Sensetime Technology Development Co., Ltd."},
      new String[] {"深圳市大疆创新科技有限公司", "DJI"},
      new String[] {"曙光信息产业股份有限公司", "Sugon"},
      new String[] {"中国电子科技集团公司", "CHINA ELECTRONICS TECHNOLOGY GROUP CORPORATION"},
      new String[] {"国防科技大学", "National University of Defense Technology (NUDT)"},
      new String[] {"哈尔滨工业大学", "Harbin Institute of Technology"},
      new String[] {"依图科技", "Yitu Technologies"},
      new String[] {"云从科技集团股份有限公司", "CloudWalk Technology"},
      new String[] {"厦门美亚柏科信息股份有限公司", "XIAMEN MEIYA PICO INFORMATION CO., LTD."},
      new String[] {"浪潮集团有限公司", "INSPUR GROUP CO., LTD."},
      new String[] {"天津飞腾信息技术有限公司", "Tianjin Phytium Information Technology"},
      new String[] {"西北工业大学", "Northwestern Polytechnical University"},
      new String[] {"四川大学", "Sichuan University"},
      new String[] {"中国航空工业集团有限公司", "AVIATION INDUSTRY CORPORATION OF CHINA, LTD."},
      new String[] {"中国移动通信集团有限公司", "CHINA MOBILE COMMUNICATIONS GROUP CO., LTD."},
      new String[] {"中国电信集团有限公司", "CHINA TELECOMMUNICATIONS CORPORATION"},
      new String[] {"中国核工业集团有限公司", "CHINA NATIONAL NUCLEAR CORPORATION"},
      new String[] {"中国兵器工业集团有限公司", "CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED"},
      new String[] {"新疆生产建设兵团", "XINJIANG PRODUCTION AND CONSTRUCTION CORPS"},
      new String[] {"北京奇虎科技有限公司", "Qihoo 360 Technology Co. Ltd"},
      new String[] {"同方威视技术股份有限公司", "Tongfang NucTech Technology Ltd."});

  /** Unlisted organisations written in Chinese or Cyrillic, as unlisted names to screen. */
  static final List<String> UNLISTED = List.of(
      "阿里巴巴集团控股有限公司", "腾讯控股有限公司", "百度在线网络技术(北京)有限公司", "京东集团股份有限公司",
      "美团", "网易公司", "比亚迪股份有限公司", "联想集团有限公司", "中国平安保险(集团)股份有限公司",
      "宁德时代新能源科技股份有限公司", "上海浦东发展银行", "北京字节跳动科技有限公司", "携程旅行网",
      "ООО «Ромашка»", "ООО «Яндекс»", "ПАО «Магнит»", "ООО «Авито»", "ООО «Интернет Решения»",
      "АО «Додо Пицца»", "ООО «Вкусно — и точка»", "ООО «Лента»", "ТОО «Кайрат Строй»",
      "ТОВ «Нова Пошта»", "ООО «Северный ветер»");

  private NativeScriptNames() {}
}
