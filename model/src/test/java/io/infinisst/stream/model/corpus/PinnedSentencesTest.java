package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link Grammar#render}: sentences across the domains against hand-written translations,
 * pinning Chinese word order, measure words and number readings, and Italian articles, articulated
 * prepositions and agreement.
 */
class PinnedSentencesTest {
    private static Grammar grammar;

    @BeforeAll
    static void load() {
        grammar = Grammar.load();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        di01 | p=museum | Where is the museum? | 博物馆在哪里？ | Dov'è il museo?
        di01 | p=hospital | Where is the hospital? | 医院在哪里？ | Dov'è l'ospedale?
        di01 | p=stadium | Where is the stadium? | 体育场在哪里？ | Dov'è lo stadio?
        di02 | p=bank | Excuse me, how do I get to the bank? | 打扰一下，去银行怎么走？ | Mi scusi, come arrivo in banca?
        di02 | p=airport | Excuse me, how do I get to the airport? | 打扰一下，去机场怎么走？ | Mi scusi, come arrivo all'aeroporto?
        di02 | p=zoo | Excuse me, how do I get to the zoo? | 打扰一下，去动物园怎么走？ | Mi scusi, come arrivo allo zoo?
        di03 | p=embassy | Is there an embassy near here? | 这附近有大使馆吗？ | C'è un'ambasciata qui vicino?
        di08 | p=museum;r=next to;q=train station | The museum is next to the train station. | 博物馆在火车站旁边。 | Il museo è accanto alla stazione.
        di07 | p=pharmacy;k=500m | The pharmacy is five hundred meters from here. | 药店离这里五百米。 | La farmacia è a cinquecento metri da qui.
        di07 | p=airport;k=2km | The airport is two kilometers from here. | 机场离这里两公里。 | L'aeroporto è a due chilometri da qui.
        di05 | o=second;r=left | Take the second street on the left. | 走左边的第二条街。 | Prenda la seconda strada a sinistra.
        di18 | f=gym;o=eighth | The gym is on the eighth floor. | 健身房在八楼。 | La palestra è all'ottavo piano.
        tm01 | t=9:30 | It is nine thirty. | 现在九点半。 | Sono le nove e mezza.
        tm01 | t=1:00 | It is one o'clock. | 现在一点。 | È l'una.
        tm01 | t=2:05 | It is two oh five. | 现在两点零五分。 | Sono le due e cinque.
        tm02 | t=9:30;e=meeting | The meeting starts at nine thirty. | 会议九点半开始。 | La riunione comincia alle nove e mezza.
        tm02 | t=1:15;e=concert | The concert starts at one fifteen. | 音乐会一点十五分开始。 | Il concerto comincia all'una e un quarto.
        tm04 | t=9:00;u=5:00 | The shop is open from nine o'clock to five o'clock. | 商店从九点开到五点。 | Il negozio è aperto dalle nove alle cinque.
        tm18 | d=20min;x=bus | It takes twenty minutes by bus. | 坐公共汽车要二十分钟。 | Ci vogliono venti minuti in autobus.
        tm18 | d=1h;x=train | It takes an hour by train. | 坐火车要一个小时。 | Ci vuole un'ora in treno.
        tm15 | d=30min-half | I have been waiting for half an hour. | 我已经等了半个小时了。 | Aspetto da mezz'ora.
        dt04 | d=3-5 | Today is March fifth. | 今天是三月五日。 | Oggi è il cinque marzo.
        dt05 | d=5-1 | My birthday is on May first. | 我的生日是五月一日。 | Il mio compleanno è il primo maggio.
        dt12 | p=library;d=8-8 | The library is closed until August eighth. | 图书馆关到八月八日。 | La biblioteca è chiusa fino all'otto agosto.
        dt01 | w=Wednesday | Today is Wednesday. | 今天是星期三。 | Oggi è mercoledì.
        dt03 | p=museum;w=Sunday | The museum is closed on Sundays. | 博物馆每个星期天都关门。 | Il museo è chiuso la domenica.
        dt08 | m=April | My holiday is in April. | 我的假期在四月。 | Le mie vacanze sono ad aprile.
        sh02 | x=umbrella;p=12.50EUR | This umbrella costs twelve euros fifty. | 这把伞十二点五欧元。 | Questo ombrello costa dodici euro e cinquanta.
        sh02 | x=watch;p=2.00EUR | This watch costs two euros. | 这块手表两欧元。 | Questo orologio costa due euro.
        sh03 | n=2;x=shirt;p=30.00EUR | Two shirts cost thirty euros. | 两件衬衫三十欧元。 | Due camicie costano trenta euro.
        sh05 | n=1;x=backpack | I would like one backpack, please. | 请给我一个背包。 | Vorrei uno zaino, per favore.
        sh05 | n=3;x=map | I would like three maps, please. | 请给我三张地图。 | Vorrei tre mappe, per favore.
        sh11 | x=bag;k=red | I am looking for a red bag. | 我在找一个红色的包。 | Cerco una borsa rossa.
        sh24 | x=scarf;k=white | The white scarves are sold out. | 白色的围巾卖完了。 | Le sciarpe bianche sono esaurite.
        sh08 | x=watch;p=20% | There is a discount of twenty percent on all watches. | 所有手表都有百分之二十的折扣。 | C'è uno sconto del venti per cento su tutti gli orologi.
        nm01 | n=2305 | The number is two thousand three hundred and five. | 数字是两千三百零五。 | Il numero è duemilatrecentocinque.
        nm09 | p=8% | Eight percent of the students passed the exam. | 百分之八的学生通过了考试。 | L'otto per cento degli studenti ha superato l'esame.
        nm06 | p=11% | The price went up by eleven percent. | 价格上涨了百分之十一。 | Il prezzo è aumentato dell'undici per cento.
        we01 | c=London;w=it is raining | Today it is raining in London. | 今天伦敦在下雨。 | Oggi a Londra piove.
        we05 | k=-5C | The temperature is minus five degrees. | 气温是零下五度。 | La temperatura è di meno cinque gradi.
        we05 | k=2C | The temperature is two degrees. | 气温是两度。 | La temperatura è di due gradi.
        we05 | k=1C | The temperature is one degree. | 气温是一度。 | La temperatura è di un grado.
        tr03 | n=2;k=return ticket;c=Rome | Two return tickets to Rome, please. | 请给我两张去罗马的往返票。 | Due biglietti di andata e ritorno per Roma, per favore.
        tr05 | c=Milan;n=2 | The train to Milan leaves from platform two. | 去米兰的火车从二号站台出发。 | Il treno per Milano parte dal binario due.
        tr22 | y=the United States;w=next week | We are going to the United States next week. | 我们下个星期去美国。 | Andiamo negli Stati Uniti la settimana prossima.
        tr31 | c=Turin;t=1:30;n=7 | The train to Turin at one thirty leaves from platform seven. | 一点半去都灵的火车从七号站台出发。 | Il treno per Torino dell'una e mezza parte dal binario sette.
        ho01 | r=double room;n=3 | I would like to book a double room for three nights. | 我想订一间双人间，住三个晚上。 | Vorrei prenotare una camera doppia per tre notti.
        ho08 | r=suite;p=1.00USD | A suite costs one dollar per night. | 套房每晚一美元。 | Una suite costa un dollaro a notte.
        ho13 | h=blanket | Could I have another blanket? | 能再给我一条毯子吗？ | Potrei avere un'altra coperta?
        ho15 | h=towel | There is no towel in my room. | 我的房间里没有毛巾。 | Nella mia camera non c'è nessun asciugamano.
        pl01 | p=pharmacy | The pharmacy is closed today. | 药店今天关门。 | Oggi la farmacia è chiusa.
        pl11 | p=stadium | They are building a new stadium. | 他们在建一座新的体育场。 | Stanno costruendo un nuovo stadio.
        pl10 | n=2;p=hospital | There are two hospitals in this city. | 这个城市有两家医院。 | In questa città ci sono due ospedali.
        me03 | e=meeting | The meeting has been cancelled. | 会议取消了。 | La riunione è stata cancellata.
        me05 | e=concert;d=6-12 | The concert has been postponed to June twelfth. | 音乐会推迟到了六月十二日。 | Il concerto è stato rinviato al dodici giugno.
        re02 | f=espresso | I would like an espresso, please. | 我要一杯浓缩咖啡，谢谢。 | Vorrei un espresso, per favore.
        re10 | n=2;f=coffee;m=1;g=beer | Two coffees and one beer, please. | 请给我们两杯咖啡和一杯啤酒。 | Due caffè e una birra, per favore.
        re11 | f=beer | Another beer, please. | 请再来一杯啤酒。 | Un'altra birra, per favore.
        re15 | f=pizza | The pizza here is very good. | 这里的披萨很好吃。 | La pizza qui è molto buona.
        pe01 | n=Anna;s=tired | Anna is tired. | 安娜很累。 | Anna è stanca.
        pe05 | n=Tom;n2=2 | Tom is two years old. | 汤姆两岁。 | Tom ha due anni.
        pe11 | n=Luca;y=Japan | Luca comes from Japan. | 卢卡来自日本。 | Luca viene dal Giappone.
        tm13 | n=Laura;t=3:45 | Laura arrived at three forty five. | 劳拉是三点四十五分到的。 | Laura è arrivata alle tre e quarantacinque.
        gr19 | n=Mary | This is my friend Mary. | 这是我的朋友玛丽。 | Questa è la mia amica Mary.
        gr19 | n=John | This is my friend John. | 这是我的朋友约翰。 | Questo è il mio amico John.
        rq28 | l=Spanish | I am learning Spanish. | 我在学西班牙语。 | Sto imparando lo spagnolo.
        he01 | b=stomach | My stomach hurts. | 我胃疼。 | Mi fa male lo stomaco.
        he11 | b=arm;n=Emma | Emma hurt her arm. | 艾玛伤到了胳膊。 | Emma si è fatta male al braccio.
        """)
    void rendersTheHandWrittenTranslation(String template, String slots, String en, String zh, String it) {
        Sentence s = grammar.render(template, parse(slots));
        assertThat(s.en()).isEqualTo(en);
        assertThat(s.zh()).isEqualTo(zh);
        assertThat(s.it()).isEqualTo(it);
    }

    private static Map<String, String> parse(String slots) {
        Map<String, String> out = new HashMap<>();
        for (String pair : slots.split(";")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }
}
