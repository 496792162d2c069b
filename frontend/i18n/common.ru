# Shell, sign-in, profile, shared components.
skip_to_content = К основному содержимому
brand = Qabyldau — приём в 1 класс
language = Язык
night_mode = Ночной режим
sign_in = Войти
sign_out = Выйти
menu = Меню
navigation = Разделы
nav_apply = Подать заявление
nav_my_applications = Мои заявления
nav_notifications = Уведомления
unread_count = Непрочитанных: {n}
nav_gov_services = Государственные услуги
nav_signing = На подписании
nav_staff = Персонал
nav_limits = Лимиты классов
nav_replies = Шаблоны ответов
nav_microdistrict = Микроучасток
nav_kindergarten = Места и направления
nav_college = Приёмная комиссия колледжа
nav_edu = Очередь в детские сады
nav_edu_monitoring = Управление образования
nav_profile = Профиль
role_switch = Организация и роль
consent_title = Приглашение в организацию
consent_text = Вас добавили в персонал организации с ролями: {roles}. Подтвердите согласие.
consent_accept = Согласен
consent_decline = Отказаться
errors_title = Исправьте ошибки
loading = Загрузка…
overdue = Просрочено
error_network = Нет связи с сервером. Проверьте подключение и повторите.
error_server = Сервис временно недоступен. Повторите позже.
error_client = Не удалось обработать ответ сервера.
error_upload = Не удалось загрузить файл. Повторите.
login_title = Вход в сервис
login_dev_text = Режим разработки: войдите по ИИН и имени.
login_oidc = Войти
login_oidc_state = Этот вход устарел или начат в другой вкладке. Войдите ещё раз.
login_oidc_token = Ответ службы входа не прошёл проверку. Войдите ещё раз.
login_oidc_no_iin = Служба входа не передала ваш ИИН. Обратитесь в службу поддержки.
login_oidc_failed = Не удалось войти: служба входа недоступна или отказала. Попробуйте ещё раз.
login_unconfigured = Вход не настроен. Обратитесь в службу поддержки.
login_name_required = Укажите ФИО
login_required = Войдите, чтобы продолжить.
iin = ИИН
full_name = ФИО
staff_only = Раздел доступен только сотрудникам организаций образования.
profile_title = Профиль
not_found = Страница не найдена
to_home = На главную
# The application facts block (parent page and staff card)
no_data = Нет данных
facts_student = Сведения об абитуриенте
facts_child = Сведения о ребёнке
facts_applicant = Сведения о заявителе
facts_birth_date = Дата рождения
facts_sex = Пол
facts_relation = Кем приходится ребёнку
facts_phone = Контактный номер
facts_email = Электронная почта
facts_registered_address = Адрес прописки
facts_actual_address = Фактический адрес проживания

# Withdrawing an application (parent::Withdraw), for the main and college apps.
my_withdraw_title = Отзыв заявления
my_withdraw_hint = Отозвать заявление можно, пока оно рассматривается. Отозванное заявление не восстановить, но можно подать новое.
my_withdraw = Отозвать заявление
my_withdraw_question = Отозвать заявление № {number}? Это действие нельзя отменить.
my_withdraw_yes = Да, отозвать
my_withdraw_no = Отмена

# One document of a form uploaded (frontend::upload), for the kindergarten and college apps.
upload_hint = PDF, JPG или PNG, не более {mb} МБ.
upload_busy = Загрузка документа «{title}»
upload_done = Загружен: {name} ({size})

# Opening a key file (ЭЦП) and signing in the browser (frontend::signing), for both apps.
st_key_file = Файл ключа (.p12, .pfx или PEM)
st_key_file_hint = Ключ и сертификат юридического лица, выданные НУЦ РК. Файл не покидает страницу: подпись вычисляется в браузере. Для PEM выберите ключ и сертификаты (можно несколькими файлами).
st_key_password = Пароль ключа
st_key_open = Открыть ключ
st_key_chosen = Сертификат: {name}, ИИН {iin}, БИН {bin}, действителен до {to}
st_key_choose_first = Сначала выберите файл ключа и откройте его паролем.
st_key_wrong_password = Неверный пароль ключа.
st_key_unreadable = Файл не читается: нужен .p12/.pfx или PEM с закрытым ключом и сертификатом.
st_key_no_key = В файле нет закрытого ключа.
st_key_no_certificate = В файле нет сертификата: выберите и файл сертификата.
st_key_unsupported = Этот ключ не поддерживается: нужен RSA или ECDSA P-256, файл .p12 с шифрованием AES (ключи ГОСТ не поддерживаются).
st_key_crypto = Браузер не смог подписать этим ключом. Подпись работает только по защищённому соединению (HTTPS).
st_key_unavailable = Не удалось загрузить модуль подписи. Обновите страницу и повторите попытку.
prof_details = Личные данные
prof_last_name = Фамилия
prof_first_name = Имя
prof_middle_name = Отчество (при наличии)
prof_email = Электронная почта
prof_phone = Телефон
prof_position_ru = Должность (на русском)
prof_position_kk = Должность (на казахском)
prof_save = Сохранить
prof_saved = Сохранено

# Papers of an application (PDF)
papers_title = Документы для печати
papers_application = Скачать заявление
papers_receipt = Скачать расписку
papers_notice = Скачать уведомление
